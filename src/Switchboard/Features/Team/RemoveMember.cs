using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Features.Billing;
using Switchboard.Tenancy;

namespace Switchboard.Features.Team;

/// <summary>
/// Removes a membership (never the owner): its seat is freed in the ledger, its open conversations go back
/// to unassigned, and the removed user loses the workspace on their next request. Shared by both faces, and
/// by <see cref="LeaveWorkspace"/> (the same effects, asked by the member themselves).
/// </summary>
public static class RemoveMember
{
    public static async Task<Result<Membership>> RemoveAsync(SwitchboardDb db, IDomainEvents events, DateTime now,
        Caller caller, Guid membershipId)
    {
        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        if (work is null) return Failure.NotFound("Team member not found");
        var target = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId && m.WorkspaceId == caller.WorkspaceId);
        if (target is null) return Failure.NotFound("Team member not found");
        // Checked after the lookup: another workspace's member must look exactly like no member.
        if (!caller.May(Permission.RemoveMembers))
            return Failure.Forbidden("Only the org owner can remove members");
        if (target.IsOwner) return Failure.Invalid("Cannot remove the org owner");
        if (!caller.Member.MayManageRole(target.Role)) return Failure.Forbidden("Admins can only remove agents", RefusalCodes.AdminsAgentsOnly);

        await RemoveInWorkAsync(db, work, now, caller.UserId, target, "member_removed", "member.removed");
        await work.CommitAsync();
        return target;
    }

    /// <summary>
    /// The effects of a removal inside the caller's unit of work: open conversations handed back (routing
    /// drains on <see cref="MemberRemoved"/>), the row gone, the seat freed in the ledger (a suspended member
    /// held none), the audit row and the event that closes the member's sockets of this workspace.
    /// </summary>
    public static async Task RemoveInWorkAsync(SwitchboardDb db, WorkspaceWork work, DateTime now, Guid? actorUserId,
        Membership target, string ledgerReason, string auditAction, Guid? actorScimToken = null)
    {
        var workspaceId = work.Workspace.Id;
        var usage = await SeatUsage.MeasureAsync(db, workspaceId, now);
        await db.Conversations
            .Where(c => c.WorkspaceId == workspaceId && c.AssigneeUserId == target.UserId)
            .Where(Conversation.IsLoad)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AssigneeUserId, (Guid?)null).SetProperty(c => c.UpdatedAt, now));
        db.Memberships.Remove(target);
        if (!target.IsSuspended)
            SeatLedgerWriter.Record(db, now, workspaceId, target.Seat, -1, ledgerReason, target.UserId, usage);
        AuditLog.Record(db, now, workspaceId, actorUserId, auditAction, "membership", target.Id,
            new { user_id = target.UserId, role = target.Role.Wire(), seat = target.Seat.Wire() }, actorScimToken);
        work.Raise(new MemberRemoved(workspaceId, target.UserId, target.Id));
    }

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, IDomainEvents events,
        TimeProvider time, [Microsoft.AspNetCore.Mvc.FromRoute(Name = "member_id")] string memberId)
    {
        var input = Input.Empty("path");
        var id = input.Uuid("member_id", memberId);
        if (!input.IsValid) return Answer.Invalid(input.Errors);
        var removed = await RemoveAsync(db, events, time.Now(), http.Caller(), id!.Value);
        return removed.Succeeded ? Answer.Value(new { message = "Team member removed" }) : Answer.Refuse(removed.Failure);
    }
}
