using Switchboard.Faces;
using System.Reflection;

namespace Switchboard.Features.Meta;

/// <summary>
/// GET /api/v1/meta: what this service offers, for clients (the dashboard) that adapt to it instead of reading the
/// whole OpenAPI document. Anonymous on purpose: it says which features are mapped and the product version, which
/// the public OpenAPI document (/openapi/v1.json) already shows; nothing about the caller, the workspaces, the
/// settings or the build (no commit hash, no host, no database). A feature is listed only when its route is mapped
/// in this process, so the answer cannot claim what the server does not do.
/// </summary>
public static class ServiceMeta
{
    public sealed record View(string Version, string Api, IReadOnlyList<string> Features);

    /// <summary>Feature name → the route that provides it (method and pattern as the route table has them).</summary>
    public static readonly IReadOnlyDictionary<string, (string Method, string Pattern)> Features =
        new Dictionary<string, (string, string)>
        {
            ["bulk_invites"] = ("POST", "/app/invites/bulk"),
            ["invite_links"] = ("POST", "/app/invite-links"),
            ["teams"] = ("GET", "/api/v1/team/teams"),
            ["supervisor"] = ("GET", "/api/v1/team/supervisor"),
            ["passkeys"] = ("POST", "/api/v1/auth/passkeys/options"),
        };

    /// <summary>The product version without the build metadata (the "+commit" suffix is dropped).</summary>
    public static string Version { get; } =
        (typeof(ServiceMeta).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(ServiceMeta).Assembly.GetName().Version?.ToString() ?? "0.0.0").Split('+')[0];

    public static IResult Get(EndpointDataSource routes)
    {
        var mapped = routes.Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, "/" + (e.RoutePattern.RawText ?? "").Trim('/'))))
            .ToHashSet();
        var offered = Features.Where(f => mapped.Contains(f.Value)).Select(f => f.Key).Order(StringComparer.Ordinal).ToList();
        return Answer.Value(new View(Version, "v1", offered));
    }
}
