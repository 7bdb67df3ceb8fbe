using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces.Pipeback;
using Switchboard.Features.Workspaces;

namespace Switchboard.Features.Invites;

/// <summary>GET /app/invites: the workspace's pending (unexpired) invites, oldest first.</summary>
public static class ListInvites
{
    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, TimeProvider time)
    {
        var caller = http.Caller();
        var now = time.Now();
        var invites = await db.Invites.AsNoTracking()
            .Where(i => i.WorkspaceId == caller.WorkspaceId && i.ExpiresAt > now)
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Email)
            .ToListAsync();
        var workspace = InviteWorkspace.From(caller.Workspace);
        return PipebackFace.Data(invites.Select(i => InviteView.From(i, workspace)).ToList());
    }
}
