using System.Collections.Concurrent;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Switchboard.Features.Sso;

/// <summary>
/// Each issuer's discovery document and signing keys, through Microsoft.IdentityModel's
/// <see cref="ConfigurationManager{T}"/> (cached, refreshed on its schedule and on demand when a key is not found).
/// <para>
/// Why not one <c>Microsoft.AspNetCore.Authentication.OpenIdConnect</c> scheme per workspace: that handler keeps its
/// <c>state</c> and nonce in browser cookies, so a state replayed with its cookie passes again, and every node would
/// have to register each workspace's scheme at run time and drop it when the owner changes the settings. Here the state
/// lives in the database and is deleted on first use (works once, on any node), while every protocol check — discovery,
/// keys, signature, algorithm, issuer, audience, lifetime, nonce, at_hash — is the library's
/// (<see cref="IdTokenCheck"/>); the handler uses these same types underneath.
/// </para>
/// </summary>
public sealed class OidcProviders(IHttpClientFactory clients, IssuerPolicy policy)
{
    public const string HttpClientName = "sso";

    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _managers = new(StringComparer.Ordinal);

    public HttpClient Http => clients.CreateClient(HttpClientName);

    /// <summary>The issuer's discovery document; throws <see cref="InvalidOperationException"/> with words when it cannot be used.</summary>
    public async Task<OpenIdConnectConfiguration> ConfigurationAsync(string issuer, CancellationToken cancel)
    {
        var manager = _managers.GetOrAdd(issuer, Create);
        OpenIdConnectConfiguration config;
        try
        {
            config = await manager.GetConfigurationAsync(cancel);
        }
        catch (Exception error) when (error is InvalidOperationException or IOException or HttpRequestException or ArgumentException)
        {
            _managers.TryRemove(issuer, out _);
            throw new InvalidOperationException($"The provider's discovery document at {MetadataAddress(issuer)} could not be read", error);
        }
        // OpenID Connect Discovery 1.0 §4.3: the document's issuer is exactly the one asked for.
        if (!string.Equals(config.Issuer, issuer, StringComparison.Ordinal))
            throw new InvalidOperationException($"The provider's discovery document names the issuer {config.Issuer}, not {issuer}");
        foreach (var endpoint in new[] { config.AuthorizationEndpoint, config.TokenEndpoint, config.JwksUri })
            if (string.IsNullOrEmpty(endpoint) || !policy.Allows(endpoint))
                throw new InvalidOperationException($"The provider's discovery document names an endpoint this service may not use ({endpoint})");
        return config;
    }

    /// <summary>After a signing key was not found: the provider may have rotated its keys.</summary>
    public void Refresh(string issuer)
    {
        if (_managers.TryGetValue(issuer, out var manager)) manager.RequestRefresh();
    }

    private ConfigurationManager<OpenIdConnectConfiguration> Create(string issuer)
    {
        var retriever = new HttpDocumentRetriever(Http) { RequireHttps = !policy.AllowsLoopback };
        return new ConfigurationManager<OpenIdConnectConfiguration>(MetadataAddress(issuer), new OpenIdConnectConfigurationRetriever(), retriever);
    }

    public static string MetadataAddress(string issuer) => issuer.TrimEnd('/') + "/.well-known/openid-configuration";
}
