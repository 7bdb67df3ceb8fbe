using System.Net;

namespace Switchboard.Features.Sso;

/// <summary>
/// Which issuer addresses the service may fetch discovery documents, keys and tokens from: https only, and never a
/// loopback host (the service's own machine) unless <c>Sso:AllowLoopbackIssuers</c> is true — the tests' provider runs
/// on 127.0.0.1, over plain http, which that setting alone allows.
/// </summary>
public sealed class IssuerPolicy(IConfiguration config)
{
    public const string AllowLoopbackSetting = "Sso:AllowLoopbackIssuers";

    public bool AllowsLoopback { get; } = config.GetValue<bool>(AllowLoopbackSetting);

    /// <summary>Why this issuer is refused, or null when it may be used.</summary>
    public string? Refusal(string issuer)
    {
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            return "must be the provider's issuer URL, such as https://login.example.com/";
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
            return "must not carry a query, a fragment or credentials";
        var loopback = IsLoopback(uri);
        if (loopback && !AllowsLoopback) return "must not be on this machine (a loopback address)";
        if (uri.Scheme == "http" && !loopback) return "must use https";
        return null;
    }

    /// <summary>An address the service fetches for this issuer (discovery names the token and key endpoints) passes too.</summary>
    public bool Allows(string url) => Refusal(url) is null;

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip))
        || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
}
