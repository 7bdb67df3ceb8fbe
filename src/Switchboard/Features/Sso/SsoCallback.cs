using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email;
using Switchboard.Faces;

namespace Switchboard.Features.Sso;

/// <summary>
/// GET /api/v1/auth/sso/callback?code=&amp;state=: where the provider sends the browser back. The state is used up at
/// once (a second arrival is refused), the code is redeemed with the PKCE verifier, the ID token checked by the library
/// (<see cref="IdTokenCheck"/>), the person signed in or enrolled (<see cref="SsoEnrollment"/>), and the browser lands in
/// the dashboard with the same opaque token a password login gives. Every refusal says why: in the PingBack error body, or
/// on the sign-in page for a browser (<see cref="SsoRefusal"/>).
/// </summary>
public static class SsoCallback
{
    private const string StartAgain = "Start again from the sign-in page.";

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, TimeProvider time, OidcProviders providers,
        IDataProtectionProvider protection, PublicLinks links, TokenService tokens, IDomainEvents events,
        string? code, string? state, string? error, string? error_description)
    {
        var refuse = SsoRefusal.For(http, links);
        if (string.IsNullOrEmpty(state) || state.Length > 200)
            return refuse(Failure.Invalid($"The provider sent the browser back without the sign-in's state. {StartAgain}", "state"));
        var hash = SsoStart.HashState(state);
        var signIn = await db.SsoSignIns.AsNoTracking().FirstOrDefaultAsync(s => s.StateHash == hash);
        // Deleted before anything else: of two arrivals with one state, one alone goes on (the other deletes nothing).
        if (signIn is null || await db.SsoSignIns.Where(s => s.Id == signIn.Id).ExecuteDeleteAsync() == 0)
            return refuse(Failure.Gone($"This sign-in has already been used, or was never started here. {StartAgain}"));
        if (signIn.ExpiresAt < time.Now())
            return refuse(Failure.Gone($"This sign-in took too long (over {SsoStart.Lifetime.TotalMinutes:0} minutes). {StartAgain}"));
        if (!string.IsNullOrEmpty(error))
            return refuse(Failure.Unauthenticated(
                $"The provider refused the sign-in ({error}{(string.IsNullOrEmpty(error_description) ? "" : ": " + error_description)})"));
        if (string.IsNullOrEmpty(code))
            return refuse(Failure.Invalid($"The provider sent the browser back without a code. {StartAgain}", "code"));

        var provider = await db.SsoProviders.AsNoTracking().FirstOrDefaultAsync(p => p.WorkspaceId == signIn.WorkspaceId);
        if (provider is null) return refuse(Failure.NotFound("Single sign-on is no longer configured for this workspace"));
        OpenIdConnectConfiguration config;
        try
        {
            config = await providers.ConfigurationAsync(provider.Issuer, http.RequestAborted);
        }
        catch (InvalidOperationException failure)
        {
            return refuse(Failure.Blocked($"{failure.Message}. Try again later."));
        }

        string secret, verifier;
        try
        {
            secret = SsoSettingsApi.SecretProtector(protection).Unprotect(provider.ClientSecretProtected);
            verifier = SsoStart.Verifiers(protection).Unprotect(signIn.CodeVerifierProtected);
        }
        catch (CryptographicException)
        {
            // The key ring is not the one that protected them (DataProtection:KeysPath differs between nodes, or was lost).
            return refuse(Failure.Blocked("This server cannot read the stored single sign-on secret: the workspace owner saves " +
                "the client secret again (and the operators check that every node shares DataProtection:KeysPath)."));
        }
        var redeemed = await CodeExchange.RedeemAsync(providers.Http, config.TokenEndpoint, provider.ClientId, secret, code, verifier,
            links.SsoCallback, http.RequestAborted);
        if (redeemed.Tokens is null) return refuse(Failure.Unauthenticated(redeemed.Refusal!));

        var check = await IdTokenCheck.CheckAsync(redeemed.Tokens.IdToken, redeemed.Tokens.AccessToken, config, provider.Issuer,
            provider.ClientId, signIn.Nonce);
        // A key the provider has just rotated in: fetch its keys again, once.
        if (check.KeyNotFound)
        {
            providers.Refresh(provider.Issuer);
            config = await providers.ConfigurationAsync(provider.Issuer, http.RequestAborted);
            check = await IdTokenCheck.CheckAsync(redeemed.Tokens.IdToken, redeemed.Tokens.AccessToken, config, provider.Issuer,
                provider.ClientId, signIn.Nonce);
        }
        if (check.Token is null) return refuse(Failure.Unauthenticated(check.Refusal!));

        var person = SsoPerson.From(check.Token.Payload, provider.RoleClaim);
        if (person.Refusal is not null) return refuse(Failure.Invalid(person.Refusal));
        var enrolled = await SsoEnrollment.SignInAsync(db, events, time.Now(), provider, person);
        if (!enrolled.Succeeded) return refuse(enrolled.Failure);
        var token = await tokens.IssueAsync(enrolled.Value, "Single sign-on");
        return Answer.Redirect(links.SsoLanding(token, provider.WorkspaceId));
    }
}
