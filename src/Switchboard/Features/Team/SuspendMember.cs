using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Features.Billing;
using Switchboard.Tenancy;

namespace Switchboard.Features.Team;

/// <summary>
/// POST …/members/{id}/suspend and …/restore on both faces (owner; admins for agents when admins_can_invite,
/// the removal right). Suspending keeps the membership — history, audit trail, resolved conversations — but
/// frees its seat at once, hands its open conversations back (routing drains on <see cref="MemberSuspended"/>;
/// in manual mode they stay unassigned), sets the member offline, and closes their sockets of the workspace;
/// <see cref="CallerResolver"/> answers their requests there with 404, as after a removal. Restoring takes the
/// seat back, so it is counted against the plan under the workspace lock (402 when full). Both are idempotent.
/// </summary>
public static class SuspendMember
{
    public static async Task<Result<Membership>> SuspendAsync(SwitchboardDb db, IDomainEvents events, DateTime now,
        Caller caller, Guid membershipId)
    {
        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        if (work is null) return Failure.NotFound("Team member not found");
        var target = await FindAsync(db, caller, membershipId);
        if (target is null) return Failure.NotFound("Team member not found");
        if (Refusal(caller, target, "suspend") is { } refused) return refused;
        if (target.IsOwner) return Failure.Invalid("The org owner cannot be suspended");
        if (target.IsSuspended) return target;

        await SuspendInWorkAsync(db, work, now, caller.UserId, target);
        await work.CommitAsync();
        return target;
    }

    /// <summary>
    /// The effects of a suspension inside the caller's unit of work (the owner refused, rights checked by the caller):
    /// open conversations handed back, seat freed in the ledger, offline, the audit row and the event that closes sockets.
    /// </summary>
    public static async Task SuspendInWorkAsync(SwitchboardDb db, WorkspaceWork work, DateTime now, Guid? actorUserId,
        Membership target, Guid? actorScimToken = null)
    {
        var workspaceId = work.Workspace.Id;
        var usage = await SeatUsage.MeasureAsync(db, workspaceId, now);
        await db.Conversations
            .Where(c => c.WorkspaceId == workspaceId && c.AssigneeUserId == target.UserId)
            .Where(Conversation.IsLoad)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AssigneeUserId, (Guid?)null).SetProperty(c => c.UpdatedAt, now));
        target.IsActive = false;
        target.SuspendedAt = now;
        target.Status = AgentStatus.Offline;
        target.UpdatedAt = now;
        SeatLedgerWriter.Record(db, now, workspaceId, target.Seat, -1, "member_suspended", target.UserId, usage);
        AuditLog.Record(db, now, workspaceId, actorUserId, "member.suspended", "membership", target.Id,
            new { user_id = target.UserId, role = target.Role.Wire(), seat = target.Seat.Wire() }, actorScimToken);
        work.Raise(new MemberSuspended(workspaceId, target.UserId, target.Id));
    }

    public static async Task<Result<Membership>> RestoreAsync(SwitchboardDb db, IDomainEvents events, DateTime now,
        Caller caller, Guid membershipId)
    {
        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        if (work is null) return Failure.NotFound("Team member not found");
        var target = await FindAsync(db, caller, membershipId);
        if (target is null) return Failure.NotFound("Team member not found");
        if (Refusal(caller, target, "restore") is { } refused) return refused;
        if (!target.IsSuspended) return target;

        if (await RestoreInWorkAsync(db, work, now, caller.UserId, target) is { } full) return full;
        await work.CommitAsync();
        return target;
    }

    /// <summary>
    /// Restores a suspended member inside the caller's unit of work, counting the seat against the plan as it is under
    /// the lock (of twenty restores on a full plan, none gets past it); the failure when it is full.
    /// </summary>
    public static async Task<Failure?> RestoreInWorkAsync(SwitchboardDb db, WorkspaceWork work, DateTime now, Guid? actorUserId,
        Membership target, Guid? actorScimToken = null)
    {
        var workspaceId = work.Workspace.Id;
        var usage = await SeatUsage.MeasureAsync(db, workspaceId, now);
        if (Membership.UsesPlanSeatFor(target.Role, target.Seat) && !usage.HasRoomFor(work.Workspace.Plan))
            return SeatUsage.LimitReached(work.Workspace.Plan);
        var suspendedAt = target.SuspendedAt;
        target.IsActive = true;
        target.SuspendedAt = null;
        target.UpdatedAt = now;
        SeatLedgerWriter.Record(db, now, workspaceId, target.Seat, +1, "member_restored", target.UserId, usage);
        AuditLog.Record(db, now, workspaceId, actorUserId, "member.restored", "membership", target.Id,
            new { user_id = target.UserId, role = target.Role.Wire(), seat = target.Seat.Wire(), suspended_at = suspendedAt },
            actorScimToken);
        work.Raise(new MemberRestored(workspaceId, target.UserId, target.Id, target.Role, target.Seat));
        return null;
    }

    // With its user: both faces answer the member resource.
    private static Task<Membership?> FindAsync(SwitchboardDb db, Caller caller, Guid membershipId) =>
        db.Memberships.Include(m => m.User).FirstOrDefaultAsync(m => m.Id == membershipId && m.WorkspaceId == caller.WorkspaceId);

    // Checked after the lookup: another workspace's member must look exactly like no member.
    private static Failure? Refusal(Caller caller, Membership target, string verb)
    {
        if (!caller.May(Permission.RemoveMembers)) return Failure.Forbidden($"Only the org owner can {verb} members");
        if (!caller.Member.MayManageRole(target.Role)) return Failure.Forbidden($"Admins can only {verb} agents", RefusalCodes.AdminsAgentsOnly);
        return null;
    }

    private delegate Task<Result<Membership>> Operation(SwitchboardDb db, IDomainEvents events, DateTime now, Caller caller, Guid id);

    public static Task<IResult> SuspendViaPingBackAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time,
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "member_id")] string memberId) =>
        ViaPingBackAsync(SuspendAsync, http, db, events, time, memberId);

    public static Task<IResult> RestoreViaPingBackAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time,
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "member_id")] string memberId) =>
        ViaPingBackAsync(RestoreAsync, http, db, events, time, memberId);

    public static Task<IResult> SuspendViaPipebackAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time, string id) =>
        ViaPipebackAsync(SuspendAsync, http, db, events, time, id);

    public static Task<IResult> RestoreViaPipebackAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time, string id) =>
        ViaPipebackAsync(RestoreAsync, http, db, events, time, id);

    /// <summary>A malformed id is FastAPI's 422; answers the PingBack member.</summary>
    private static async Task<IResult> ViaPingBackAsync(Operation operation, HttpContext http, SwitchboardDb db, IDomainEvents events,
        TimeProvider time, string memberId)
    {
        var path = Input.Empty("path");
        var id = path.Uuid("member_id", memberId);
        if (!path.IsValid) return Answer.Invalid(path.Errors);
        var done = await operation(db, events, time.Now(), http.Caller(), id!.Value);
        return done.Succeeded ? Answer.Value(MemberView.From(done.Value, done.Value.User!)) : Answer.Refuse(done.Failure);
    }

    /// <summary>A malformed id is simply not found, as Laravel's route binding says; answers the Pipeback member.</summary>
    private static async Task<IResult> ViaPipebackAsync(Operation operation, HttpContext http, SwitchboardDb db, IDomainEvents events,
        TimeProvider time, string id)
    {
        if (!Guid.TryParse(id, out var membershipId)) return Answer.Refuse(Failure.NotFound("Team member not found"));
        var done = await operation(db, events, time.Now(), http.Caller(), membershipId);
        return done.Succeeded ? Answer.Value(PipebackMembers.View.From(done.Value, done.Value.User!)) : Answer.Refuse(done.Failure);
    }
}
