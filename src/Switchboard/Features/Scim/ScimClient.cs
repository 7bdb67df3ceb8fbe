using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Features.InviteLinks;

namespace Switchboard.Features.Scim;

/// <summary>The identity provider calling /scim/v2: which token it presented, and so which workspace it provisions.</summary>
public sealed record ScimClient(Guid TokenId, Guid WorkspaceId)
{
    private const string ItemKey = "switchboard.scim";

    public static ScimClient Of(HttpContext http) =>
        http.Items[ItemKey] as ScimClient ?? throw new InvalidOperationException("The route is not behind ScimClient.Filter.");

    /// <summary>
    /// Every /scim/v2 route: the bearer token is looked up by its hash on each request (no cache), so a revoked token
    /// is refused at once on every node. 401 in SCIM's shape otherwise.
    /// </summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length == scheme.Length || header.Length > 512)
            return Unauthorized(http);
        var hash = InviteLinkSecret.Hash(header[scheme.Length..].Trim());
        var db = http.RequestServices.GetRequiredService<SwitchboardDb>();
        var token = await db.ScimTokens.AsNoTracking()
            .Where(t => t.SecretHash == hash && t.RevokedAt == null)
            .Select(t => new { t.Id, t.WorkspaceId, t.LastUsedAt })
            .FirstOrDefaultAsync();
        if (token is null) return Unauthorized(http);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        // Written at most once a minute, so a sync of thousands of requests stays reads.
        if (token.LastUsedAt is null || token.LastUsedAt < now.AddMinutes(-1))
            await db.ScimTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now));
        http.Items[ItemKey] = new ScimClient(token.Id, token.WorkspaceId);
        return await next(context);
    }

    private static IResult Unauthorized(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer realm=\"scim\"";
        return ScimResults.Error(401, "A valid SCIM bearer token is required (create one in the team's SCIM settings)");
    }
}
