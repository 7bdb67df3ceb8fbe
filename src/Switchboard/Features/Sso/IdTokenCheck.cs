using System.IdentityModel.Tokens.Jwt;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Switchboard.Features.Sso;

/// <summary>
/// The ID token from the token endpoint, checked by Microsoft.IdentityModel only: <see cref="JsonWebTokenHandler"/> for
/// signature (with the issuer's published keys, asymmetric algorithms only, so <c>alg: none</c> and an HMAC forged with
/// the client secret are refused — dotnet/aspnetcore#37549), issuer, audience and lifetime; then
/// <see cref="OpenIdConnectProtocolValidator"/> for the required claims, the nonce and at_hash. Each refusal in words.
/// </summary>
public static class IdTokenCheck
{
    public sealed record Checked(JsonWebToken Token, JsonElement Payload);

    /// <summary>Asymmetric only: the keys come from the provider's JWKS; a shared secret could be known to the client.</summary>
    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public static async Task<(Checked? Token, string? Refusal, bool KeyNotFound)> CheckAsync(string? idToken, string? accessToken,
        OpenIdConnectConfiguration config, string issuer, string clientId, string nonce)
    {
        if (string.IsNullOrEmpty(idToken)) return (null, "The provider's answer held no ID token (is the openid scope allowed for this client?)", false);
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = clientId,
            IssuerSigningKeys = config.SigningKeys,
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            // The library reads the system clock for exp/nbf (these parameters take no TimeProvider in 8.x).
            ClockSkew = TimeSpan.FromMinutes(2),
        };
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, parameters);
        if (!result.IsValid)
            return (null, Words(result.Exception, idToken, issuer, clientId), result.Exception is SecurityTokenSignatureKeyNotFoundException);

        var token = (JsonWebToken)result.SecurityToken;
        try
        {
            var validator = new OpenIdConnectProtocolValidator { RequireStateValidation = false };
            validator.ValidateTokenResponse(new OpenIdConnectProtocolValidationContext
            {
                ClientId = clientId,
                Nonce = nonce,
                ProtocolMessage = new OpenIdConnectMessage { IdToken = idToken, AccessToken = accessToken },
                ValidatedIdToken = new JwtSecurityToken(idToken),
            });
        }
        catch (OpenIdConnectProtocolInvalidNonceException)
        {
            return (null, "The ID token does not belong to this sign-in (its nonce differs). Start again from the sign-in page.", false);
        }
        catch (OpenIdConnectProtocolException error)
        {
            return (null, $"The ID token breaks the OpenID Connect rules: {Reason(error)}", false);
        }
        // The payload as the provider wrote it: a claim that is absent and one that is empty differ here, not in claims.
        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(token.EncodedPayload));
        return (new Checked(token, payload.RootElement.Clone()), null, false);
    }

    private static string Words(Exception? error, string idToken, string issuer, string clientId) => error switch
    {
        SecurityTokenInvalidAudienceException => $"The ID token was issued for another application, not for this workspace's client {clientId}",
        SecurityTokenInvalidIssuerException => $"The ID token was issued by someone else, not by the configured issuer {issuer}",
        SecurityTokenExpiredException => "The ID token has expired. Start again from the sign-in page (and check the server's clock).",
        SecurityTokenNotYetValidException => "The ID token is not valid yet (check the clocks of this server and of the provider)",
        SecurityTokenNoExpirationException => "The ID token has no expiry time",
        SecurityTokenInvalidAlgorithmException => "The ID token is signed with an algorithm this service does not accept (only RS, PS and ES are)",
        _ when IsUnsigned(idToken) => "The ID token is not signed (alg: none); an unsigned token is never accepted",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            "The ID token's signature does not verify with any key the provider publishes",
        SecurityTokenMalformedException or ArgumentException => "The provider's answer held a malformed ID token",
        _ => $"The ID token was refused: {error?.GetType().Name}",
    };

    private static bool IsUnsigned(string idToken)
    {
        try
        {
            var token = new JsonWebToken(idToken);
            return token.Alg is null or "none" || string.IsNullOrEmpty(token.EncodedSignature);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The library's message names its own error code first (IDX…); the owner wants the reason.</summary>
    private static string Reason(Exception error)
    {
        var text = error.Message;
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && text.StartsWith("IDX", StringComparison.Ordinal) ? text[(colon + 2)..] : text;
    }
}
