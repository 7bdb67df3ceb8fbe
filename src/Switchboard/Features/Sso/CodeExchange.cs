using System.Net.Http.Headers;
using System.Text;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Switchboard.Features.Sso;

/// <summary>
/// The authorization code for tokens at the provider's token endpoint (RFC 6749 §4.1.3 with the PKCE verifier),
/// authenticated with client_secret_basic, the method every provider supports by default.
/// </summary>
public static class CodeExchange
{
    public sealed record Answer(OpenIdConnectMessage? Tokens, string? Refusal);

    public static async Task<Answer> RedeemAsync(HttpClient http, string tokenEndpoint, string clientId, string clientSecret,
        string code, string verifier, string redirectUri, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = redirectUri,
                ["code_verifier"] = verifier,
            }),
        };
        // RFC 6749 §2.3.1: each part form-encoded before the two are joined.
        var credentials = $"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        string body;
        try
        {
            response = await http.SendAsync(request, cancel);
            body = await response.Content.ReadAsStringAsync(cancel);
        }
        catch (HttpRequestException error)
        {
            return new(null, $"The provider's token endpoint could not be reached ({error.Message}). Try again later.");
        }
        OpenIdConnectMessage? message = null;
        try
        {
            message = new OpenIdConnectMessage(body);
        }
        catch (Exception error) when (error is ArgumentException or System.Text.Json.JsonException or InvalidOperationException)
        {
            // Not JSON: the status says enough below.
        }
        if (!response.IsSuccessStatusCode || message is null || !string.IsNullOrEmpty(message.Error))
        {
            var why = message?.Error is { Length: > 0 } error
                ? $"{error}{(string.IsNullOrEmpty(message.ErrorDescription) ? "" : ": " + message.ErrorDescription)}"
                : $"HTTP {(int)response.StatusCode}";
            return new(null, $"The provider did not accept the sign-in code ({why}). A code works once and for a short time: start again from the sign-in page.");
        }
        return new(message, null);
    }
}
