using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Features.Billing;
using Switchboard.Tenancy;

namespace Switchboard.Features.Team;

/// <summary>
/// Removes a membership (never the owner): its seat is freed in the ledger, its open conversations go back
/// to unassigned, and the removed user loses the workspace on their next request. Shared by both faces.
/// </summary>
public static class RemoveMember
{
    public static async Task<Result<Membership>> RemoveAsync(SwitchboardDb db, IDomainEvents events, DateTime now,
        Caller caller, Guid membershipId)
    {
        await using var work = await WorkspaceWork.BeginAsync(db, events, caller.WorkspaceId);
        if (work is null) return Failure.NotFound("Team member not found");
        var target = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId && m.WorkspaceId == caller.WorkspaceId);
        if (target is null) return Failure.NotFound("Team member not found");
        // Checked after the lookup: another workspace's member must look exactly like no member.
        if (!caller.May(Permission.RemoveMembers))
            return Failure.Forbidden("Only the org owner can remove members");
        if (target.IsOwner) return Failure.Invalid("Cannot remove the org owner");
        if (!caller.Member.MayManageRole(target.Role)) return Failure.Forbidden("Admins can only remove agents");

        var usage = await SeatUsage.MeasureAsync(db, caller.WorkspaceId, now);
        await db.Conversations
            .Where(c => c.WorkspaceId == caller.WorkspaceId && c.AssigneeUserId == target.UserId)
            .Where(Conversation.IsLoad)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AssigneeUserId, (Guid?)null).SetProperty(c => c.UpdatedAt, now));
        db.Memberships.Remove(target);
        SeatLedgerWriter.Record(db, now, caller.WorkspaceId, target.Seat, -1, "member_removed", target.UserId, usage);
        AuditLog.Record(db, now, caller.WorkspaceId, caller.UserId, "member.removed", "membership", target.Id,
            new { user_id = target.UserId, role = target.Role.Wire(), seat = target.Seat.Wire() });
        work.Raise(new MemberRemoved(caller.WorkspaceId, target.UserId, target.Id));
        await work.CommitAsync();
        return target;
    }

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, IDomainEvents events,
        TimeProvider time, [Microsoft.AspNetCore.Mvc.FromRoute(Name = "member_id")] string memberId)
    {
        var input = Input.Empty("path");
        var id = input.Uuid("member_id", memberId);
        if (!input.IsValid) return Answer.Invalid(input.Errors);
        var removed = await RemoveAsync(db, events, time.Now(), http.Caller(), id!.Value);
        return removed.Succeeded ? Results.Ok(new { message = "Team member removed" }) : Answer.Refuse(removed.Failure);
    }
}
