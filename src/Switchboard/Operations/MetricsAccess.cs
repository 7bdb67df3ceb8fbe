using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Operations;

/// <summary>
/// Who may read /metrics: callers on this machine (a Prometheus or an agent beside the node) always; anyone else
/// only with <c>Authorization: Bearer {Metrics:BearerToken}</c>, and nobody else when no token is configured. The
/// address is the one ASP.NET Core settled on after the forwarded headers, so a request relayed by nginx counts as
/// its real client, not as loopback. The metrics name no person, but they do show traffic and failure rates.
/// </summary>
public sealed class MetricsAccess(IConfiguration config)
{
    private readonly byte[]? _token = config["Metrics:BearerToken"] is { Length: > 0 } token ? Encoding.UTF8.GetBytes(token) : null;

    public bool Allows(HttpContext http)
    {
        if (http.Connection.RemoteIpAddress is { } address && System.Net.IPAddress.IsLoopback(address)) return true;
        if (_token is null) return false;
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), _token);
    }

    /// <summary>The branch in front of the exporter: 401 with a challenge when a token could open it, else 403.</summary>
    public void Guard(IApplicationBuilder branch) => branch.Use(async (http, next) =>
    {
        if (Allows(http))
        {
            await next(http);
            return;
        }
        if (_token is not null) http.Response.Headers.WWWAuthenticate = "Bearer";
        http.Response.StatusCode = _token is null ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
    });
}
