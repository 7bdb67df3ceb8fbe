using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Tenancy;

namespace Switchboard.Features.Team;

/// <summary>
/// POST /api/v1/team/leave and POST /app/members/leave: a member leaves the workspace they act in, with every
/// effect of a removal (<see cref="RemoveMember.RemoveInWorkAsync"/>). The owner cannot leave: a workspace
/// always has its owner.
/// </summary>
public static class LeaveWorkspace
{
    public const string Left = "You left the workspace";

    public static async Task<Result<Membership>> LeaveAsync(SwitchboardDb db, IDomainEvents events, DateTime now, Caller caller)
    {
        if (caller.Member.IsOwner) return Failure.Invalid("The owner cannot leave the workspace");
        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        if (work is null) return Failure.NotFound("Workspace not found");
        var member = await db.Memberships.FirstOrDefaultAsync(m => m.WorkspaceId == caller.WorkspaceId && m.UserId == caller.UserId);
        // Gone meanwhile (removed, or a second leave that lost the race): nothing to leave.
        if (member is null || member.IsSuspended) return Failure.NotFound("Workspace not found");
        await RemoveMember.RemoveInWorkAsync(db, work, now, caller.UserId, member, "member_left", "member.left");
        await work.CommitAsync();
        return member;
    }

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time)
    {
        var left = await LeaveAsync(db, events, time.Now(), http.Caller());
        return left.Succeeded ? Answer.Message(Left) : Answer.Refuse(left.Failure);
    }
}
