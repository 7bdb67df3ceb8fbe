using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email;
using Switchboard.Faces;

namespace Switchboard.Features.Sso;

/// <summary>
/// GET /api/v1/auth/sso/start?email= (or ?workspace=): finds the workspace (by the address's verified domain, or by its
/// id), remembers a fresh state, nonce and PKCE verifier for ten minutes, and sends the browser to the provider's
/// authorization endpoint (authorization code flow, S256 challenge).
/// </summary>
public static class SsoStart
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, TimeProvider time, OidcProviders providers,
        IDataProtectionProvider protection, PublicLinks links, string? email, string? workspace)
    {
        var refuse = SsoRefusal.For(http, links);
        var input = Input.Empty();
        Guid? workspaceId = null;
        string? domain = null;
        if (!string.IsNullOrWhiteSpace(workspace)) workspaceId = input.Uuid("workspace", workspace);
        else if (!string.IsNullOrWhiteSpace(email))
        {
            var address = input.CheckEmail("email", input.Check("email", email.Trim(), max: 320));
            if (address is not null) domain = DomainName.Canonical(address[(address.LastIndexOf('@') + 1)..]);
        }
        else input.Fail("email", FieldRule.Custom, message: "give the address you sign in with (email) or the workspace's id (workspace)");
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        if (workspaceId is null)
        {
            workspaceId = await db.SsoDomains.Where(d => d.Name == domain && d.VerifiedAt != null)
                .Join(db.SsoProviders, d => d.WorkspaceId, p => p.WorkspaceId, (d, p) => (Guid?)p.WorkspaceId)
                .FirstOrDefaultAsync();
            if (workspaceId is null)
                return refuse(Failure.NotFound($"No workspace signs in {domain} addresses through single sign-on. Sign in with your password."));
        }
        var provider = await db.SsoProviders.AsNoTracking().FirstOrDefaultAsync(p => p.WorkspaceId == workspaceId);
        if (provider is null) return refuse(Failure.NotFound("Single sign-on is not configured for this workspace"));

        OpenIdConnectConfiguration config;
        try
        {
            config = await providers.ConfigurationAsync(provider.Issuer, http.RequestAborted);
        }
        catch (InvalidOperationException error)
        {
            return refuse(Failure.Blocked($"{error.Message}. Try again later, or ask the workspace owner to check the single sign-on settings."));
        }

        var now = time.Now();
        // Sign-ins nobody finished: gone once expired, whichever node they started on.
        await db.SsoSignIns.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync();
        var state = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var nonce = new OpenIdConnectProtocolValidator().GenerateNonce();
        db.SsoSignIns.Add(new SsoSignIn
        {
            WorkspaceId = provider.WorkspaceId,
            StateHash = HashState(state),
            Nonce = nonce,
            CodeVerifierProtected = Verifiers(protection).Protect(verifier),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        });
        await db.SaveChangesAsync();

        var request = new OpenIdConnectMessage
        {
            IssuerAddress = config.AuthorizationEndpoint,
            ClientId = provider.ClientId,
            RedirectUri = links.SsoCallback,
            ResponseType = OpenIdConnectResponseType.Code,
            Scope = "openid email profile",
            State = state,
            Nonce = nonce,
            LoginHint = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
        };
        // RFC 7636: the provider keeps the challenge; only this service knows the verifier that answers it.
        request.Parameters["code_challenge"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        request.Parameters["code_challenge_method"] = "S256";
        return Answer.Redirect(request.CreateAuthenticationRequestUrl());
    }

    public static string HashState(string state) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)));

    public static IDataProtector Verifiers(IDataProtectionProvider provider) => provider.CreateProtector("Switchboard.Sso.CodeVerifier.v1");
}
