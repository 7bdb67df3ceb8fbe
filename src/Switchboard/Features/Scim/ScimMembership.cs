using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Features.Team;

namespace Switchboard.Features.Scim;

/// <summary>
/// A SCIM user's <c>active</c> is their membership's state: none or suspended reads false. Setting it goes through the
/// team's own rules — enrollment or restore (the plan counted under the workspace lock), suspension (sessions and
/// sockets of the workspace end, open conversations go back to the queue), removal — audited as done by the token.
/// </summary>
public static class ScimMembership
{
    public static async Task<Dictionary<Guid, Membership>> OfAsync(SwitchboardDb db, Guid workspaceId, IEnumerable<Guid> userIds)
    {
        var ids = userIds.Distinct().ToList();
        return await db.Memberships.Where(m => m.WorkspaceId == workspaceId && ids.Contains(m.UserId)).ToDictionaryAsync(m => m.UserId);
    }

    public static bool IsActive(Membership? member) => member is { IsSuspended: false };

    public static async Task<ScimError?> SetActiveAsync(SwitchboardDb db, WorkspaceWork work, DateTime now, Guid tokenId,
        ScimUser user, bool active)
    {
        var workspace = work.Workspace;
        var member = await db.Memberships.FirstOrDefaultAsync(m => m.WorkspaceId == workspace.Id && m.UserId == user.UserId);
        if (!active)
        {
            if (member is null || member.IsSuspended) return null;
            if (member.IsOwner) return ScimError.Mutability("The workspace owner cannot be deactivated through provisioning");
            await SuspendMember.SuspendInWorkAsync(db, work, now, null, member, tokenId);
            return null;
        }
        if (member is { IsSuspended: false }) return null;
        var want = (await ScimMapping.DesiredAsync(db, workspace.Id, [user.Id]))[user.Id];
        if (member is null)
        {
            var enrolled = await MemberEnrollment.EnrollAsync(db, now, workspace, user.UserId, want.Role, want.Seat, null, "scim",
                actorScimToken: tokenId);
            if (!enrolled.Succeeded) return ScimError.Conflict(enrolled.Failure.Message);
            var added = enrolled.Value;
            work.Raise(new MemberJoined(workspace.Id, user.UserId, added.Id, added.Role, added.Seat));
            return null;
        }
        // Suspended: take the mapped role and seat first, so the restore counts the seat they will hold.
        if (await ChangeMember.ApplyInWorkAsync(db, work, now, null, member, want.Role, want.Seat, tokenId) is { } changeRefused)
            return ScimError.Conflict(changeRefused.Message);
        if (await SuspendMember.RestoreInWorkAsync(db, work, now, null, member, tokenId) is { } refused)
            return ScimError.Conflict(refused.Message);
        return null;
    }

    /// <summary>DELETE /Users/{id}: the membership goes by the removal rule; the account itself stays (it is its holder's).</summary>
    public static async Task<ScimError?> RemoveAsync(SwitchboardDb db, WorkspaceWork work, DateTime now, Guid tokenId, ScimUser user)
    {
        var member = await db.Memberships.FirstOrDefaultAsync(m => m.WorkspaceId == work.Workspace.Id && m.UserId == user.UserId);
        if (member is null) return null;
        if (member.IsOwner) return ScimError.Mutability("The workspace owner cannot be removed through provisioning");
        await RemoveMember.RemoveInWorkAsync(db, work, now, null, member, "member_removed", "member.removed", tokenId);
        return null;
    }
}
