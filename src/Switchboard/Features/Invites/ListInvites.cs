using Switchboard.Faces;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces.Pipeback;
using Switchboard.Tenancy;

namespace Switchboard.Features.Invites;

/// <summary>
/// GET /app/invites: the workspace's pending (unexpired) invites, oldest first — only to those who manage
/// them. An invite's id is what its mailed link carries, so showing it is handing over the invite: the
/// owner sees every invite, an admin with the invite right sees agent invites only, anyone else gets 403.
/// </summary>
public static class ListInvites
{
    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, TimeProvider time)
    {
        var caller = http.Caller();
        if (!caller.May(Permission.InviteMembers))
            return Answer.Refuse(Failure.Forbidden(InvitePermissions.NotAllowed));
        var now = time.Now();
        var query = db.Invites.AsNoTracking().Where(i => i.WorkspaceId == caller.WorkspaceId && i.ExpiresAt > now);
        if (!caller.Member.IsOwner) query = query.Where(i => i.Role == Role.Agent);
        var invites = await query
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Email)
            .ToListAsync();
        var workspace = InviteWorkspace.From(caller.Workspace);
        return PipebackFace.Data(invites.Select(i => InviteView.From(i, workspace)).ToList());
    }
}
