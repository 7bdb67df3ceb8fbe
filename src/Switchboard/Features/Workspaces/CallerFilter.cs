using Switchboard.Auth;
using Switchboard.Faces;
using Switchboard.Faces.Pipeback;

namespace Switchboard.Features.Workspaces;

/// <summary>Resolves the <see cref="Caller"/> for every route of a workspace-scoped group, or answers the face's error.</summary>
public sealed class CallerFilter(CallerResolver resolver) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        if (http.User.Identity?.IsAuthenticated != true) return Face.Unauthenticated(http);
        var pipeback = Face.IsPipeback(http);
        var caller = await resolver.ResolveAsync(
            http.User.UserId(), http.Request.Headers[PipebackFace.WorkspaceHeader], headerRequired: pipeback);
        if (!caller.Succeeded) return Face.Error(http, caller.Failure);
        http.Items[Caller.ItemKey] = caller.Value;
        return await next(invocation);
    }
}

public static class CallerFilterExtensions
{
    /// <summary>Every route of the group needs a token and acts inside one workspace the caller belongs to.</summary>
    public static RouteGroupBuilder RequireCaller(this RouteGroupBuilder group)
    {
        group.RequireAuthorization();
        group.AddEndpointFilter<CallerFilter>();
        return group;
    }
}
