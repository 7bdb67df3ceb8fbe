using Switchboard.Data;
using Switchboard.Faces;
using Switchboard.Domain;
using Switchboard.Faces.Pipeback;
using Switchboard.Tenancy;

namespace Switchboard.Features.Invites;

/// <summary>
/// DELETE /app/invites/{id}: the invite becomes revoked (kept as history, listed with ?status=revoked), so a
/// link already mailed answers 404 from now on, exactly as when the row was deleted.
/// </summary>
public static class RevokeInvite
{
    public static async Task<IResult> HandleAsync(HttpContext http, string id, [AsParameters] InviteServices s)
    {
        var caller = http.Caller();
        await using var work = await WorkspaceWork.BeginAsync(s.Db, s.Events, caller);
        if (work is null) return Answer.Refuse(InviteLookup.NotFound);
        // Found before permission is checked: another workspace's invite looks exactly like no invite.
        var invite = await InviteLookup.FindInWorkspaceAsync(s.Db, id, caller.WorkspaceId);
        if (invite is null) return Answer.Refuse(InviteLookup.NotFound);
        if (!caller.May(Permission.InviteMembers))
            return Answer.Refuse(Failure.Forbidden(InvitePermissions.NotAllowed));
        if (!caller.Member.MayManageRole(invite.Role))
            return Answer.Refuse(Failure.Forbidden(InvitePermissions.AgentsOnly, RefusalCodes.AdminsAgentsOnly));

        var now = s.Time.Now();
        invite.Status = InviteStatus.Revoked;
        invite.UpdatedAt = now;
        AuditLog.Record(s.Db, now, caller.WorkspaceId, caller.UserId, "invite.revoked", "invite", invite.Id,
            new { email = invite.Email });
        work.Raise(new InvitesChanged(caller.WorkspaceId));
        await work.CommitAsync();
        return Answer.Bare(new { });
    }
}
