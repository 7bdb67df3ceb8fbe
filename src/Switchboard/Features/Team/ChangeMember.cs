using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.Pipeback;
using Switchboard.Features.Billing;
using Switchboard.Tenancy;

namespace Switchboard.Features.Team;

/// <summary>
/// PATCH /api/v1/team/members/{member_id} and PATCH /app/members/{id} {role?, seat?}: only the owner changes
/// roles; seats follow the invite right (owner, or admins for agents when admins_can_invite). The owner
/// stays owner on a full seat. A lite→full change counts against the plan; a member moved to a lite seat
/// hands back their open conversations, since lite seats are not assigned any.
/// </summary>
public static class ChangeMember
{
    public sealed record Request(string? Role, string? Seat);

    public static async Task<Result<Membership>> ChangeAsync(SwitchboardDb db, IDomainEvents events, DateTime now,
        Caller caller, Guid membershipId, Role? role, Seat? seat)
    {
        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        if (work is null) return Failure.NotFound("Team member not found");
        var target = await db.Memberships.Include(m => m.User)
            .FirstOrDefaultAsync(m => m.Id == membershipId && m.WorkspaceId == caller.WorkspaceId);
        if (target is null) return Failure.NotFound("Team member not found");
        if (role is { } r && r != target.Role)
        {
            if (!caller.Member.IsOwner) return Failure.OwnerOnly("Only the org owner can change roles");
            if (target.IsOwner || r == Role.Owner) return Failure.Invalid("The owner's role cannot be changed", "role");
        }
        if (seat is { } s && s != target.Seat)
        {
            if (!caller.May(Permission.InviteMembers) || !caller.Member.MayManageRole(target.Role))
                return Failure.Forbidden("Only the org owner can change seats");
            if (target.IsOwner) return Failure.Invalid("The owner always has a full seat", "seat");
            // A suspended member holds no seat to change; restoring counts the one they have.
            if (target.IsSuspended) return Failure.Invalid("Restore the member before changing their seat", "seat");
        }
        if (await ApplyInWorkAsync(db, work, now, caller.UserId, target, role, seat) is { } refused) return refused;
        await work.CommitAsync();
        return target;
    }

    /// <summary>
    /// Changes role and seat inside the caller's unit of work, rights already checked: a lite→full change counts against
    /// the plan as it is under the lock (a downgrade that committed meanwhile counts), a move to a lite seat hands back
    /// open conversations; the ledger, the audit row and <see cref="MemberUpdated"/>. The failure when the plan is full.
    /// A suspended member's role and seat change without the ledger: they hold no seat until restored, which counts it.
    /// </summary>
    public static async Task<Failure?> ApplyInWorkAsync(SwitchboardDb db, WorkspaceWork work, DateTime now, Guid? actorUserId,
        Membership target, Role? role, Seat? seat, Guid? actorScimToken = null)
    {
        var workspaceId = work.Workspace.Id;
        if (seat is { } s && s != target.Seat && !target.IsSuspended)
        {
            var usage = await SeatUsage.MeasureAsync(db, workspaceId, now);
            if (Membership.UsesPlanSeatFor(role ?? target.Role, s) && !usage.HasRoomFor(work.Workspace.Plan))
                return SeatUsage.LimitReached(work.Workspace.Plan);
            SeatLedgerWriter.Record(db, now, workspaceId, target.Seat, -1, "seat_changed", target.UserId, usage);
            var between = usage with
            {
                FullSeats = usage.FullSeats - (target.Seat == Seat.Full ? 1 : 0),
                LiteSeats = usage.LiteSeats - (target.Seat == Seat.Lite ? 1 : 0),
            };
            SeatLedgerWriter.Record(db, now, workspaceId, s, +1, "seat_changed", target.UserId, between);
            if (s == Seat.Lite)
                await db.Conversations
                    .Where(c => c.WorkspaceId == workspaceId && c.AssigneeUserId == target.UserId)
                    .Where(Conversation.IsLoad)
                    .ExecuteUpdateAsync(u => u.SetProperty(c => c.AssigneeUserId, (Guid?)null).SetProperty(c => c.UpdatedAt, now));
        }
        var changed = (role is { } nr && nr != target.Role) || (seat is { } ns && ns != target.Seat);
        if (!changed) return null;
        var before = new { role = target.Role.Wire(), seat = target.Seat.Wire() };
        target.Role = role ?? target.Role;
        target.Seat = seat ?? target.Seat;
        target.UpdatedAt = now;
        AuditLog.Record(db, now, workspaceId, actorUserId, "member.updated", "membership", target.Id,
            new { from = before, to = new { role = target.Role.Wire(), seat = target.Seat.Wire() } }, actorScimToken);
        work.Raise(new MemberUpdated(workspaceId, target.UserId, target.Id, target.Role, target.Seat));
        return null;
    }

    /// <summary>PATCH /api/v1/team/members/{member_id}: a malformed id is FastAPI's 422; answers the PingBack member.</summary>
    public static async Task<IResult> ViaPingBackAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time,
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "member_id")] string memberId)
    {
        var path = Input.Empty("path");
        var id = path.Uuid("member_id", memberId);
        if (!path.IsValid) return Answer.Invalid(path.Errors);
        var changed = await ReadAndChangeAsync(http, db, events, time, id!.Value);
        return changed.Succeeded ? Answer.Value(MemberView.From(changed.Value, changed.Value.User!)) : changed.Refusal!;
    }

    /// <summary>PATCH /app/members/{id}: a malformed id is simply not found, as Laravel's route binding says; answers the Pipeback member.</summary>
    public static async Task<IResult> ViaPipebackAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time,
        string id)
    {
        if (!Guid.TryParse(id, out var membershipId)) return Answer.Refuse(Failure.NotFound("Team member not found"));
        var changed = await ReadAndChangeAsync(http, db, events, time, membershipId);
        return changed.Succeeded ? Answer.Value(PipebackMembers.View.From(changed.Value, changed.Value.User!)) : changed.Refusal!;
    }

    private readonly record struct Outcome(Membership? Value, IResult? Refusal)
    {
        [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Value))]
        public bool Succeeded => Value is not null;
    }

    private static async Task<Outcome> ReadAndChangeAsync(HttpContext http, SwitchboardDb db, IDomainEvents events,
        TimeProvider time, Guid membershipId)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return new(null, Answer.Invalid([error]));
        var input = new Input(body);
        var role = input.Choice<Role>("role", input.String("role", max: 16));
        var seat = input.Choice<Seat>("seat", input.String("seat", max: 16));
        if (!input.IsValid) return new(null, Answer.Invalid(input.Errors));
        var changed = await ChangeAsync(db, events, time.Now(), http.Caller(), membershipId, role, seat);
        return changed.Succeeded ? new(changed.Value, null) : new(null, Answer.Refuse(changed.Failure));
    }
}
