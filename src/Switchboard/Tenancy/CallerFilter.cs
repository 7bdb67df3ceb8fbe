using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Faces;
using Switchboard.Faces.Pipeback;

namespace Switchboard.Tenancy;

/// <summary>Resolves the <see cref="Caller"/> for every route of a workspace-scoped group, or answers the face's error.</summary>
public sealed class CallerFilter(CallerResolver resolver, Data.SwitchboardDb db) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        if (http.User.Identity?.IsAuthenticated != true) return Face.Unauthenticated(http);
        // SQLite: one connection for the whole request rather than an open/close around each query, since each
        // open re-registers EF's SQL functions on the connection (a fifth of the request's CPU). Not on
        // PostgreSQL: there an open is cheap, and a request holding a pooled connection while an event handler
        // asks for another could exhaust the pool under load.
        var holdConnection = db.Database.IsSqlite();
        if (holdConnection) await db.Database.OpenConnectionAsync();
        try
        {
            var pipeback = Face.IsPipeback(http);
            var caller = await resolver.ResolveAsync(
                http.User.UserId(), http.Request.Headers[PipebackFace.WorkspaceHeader], headerRequired: pipeback);
            if (!caller.Succeeded) return Face.Error(http, caller.Failure);
            http.Items[Caller.ItemKey] = caller.Value;
            // The request's own span (ASP.NET Core's) learns its workspace; only when a tracer records it, so the
            // read path allocates nothing for this otherwise.
            if (System.Diagnostics.Activity.Current is { IsAllDataRequested: true } span)
                span.SetTag(Operations.Telemetry.WorkspaceTag, caller.Value.WorkspaceId.ToString());
            return await next(invocation);
        }
        finally
        {
            if (holdConnection) await db.Database.CloseConnectionAsync();
        }
    }
}

public static class CallerFilterExtensions
{
    /// <summary>Every route of the group needs a token and acts inside one workspace the caller belongs to.</summary>
    public static RouteGroupBuilder RequireCaller(this RouteGroupBuilder group)
    {
        group.RequireAuthorization();
        group.AddEndpointFilter<CallerFilter>();
        // The OpenAPI document declares x-workspace-id and the workspace check's refusals from this.
        group.WithMetadata(new WorkspaceScopedMetadata());
        return group;
    }
}
