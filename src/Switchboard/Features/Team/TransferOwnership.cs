using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email;
using Switchboard.Email.Templates;
using Switchboard.Faces;
using Switchboard.Features.Accounts;
using Switchboard.Features.Billing;
using Switchboard.Tenancy;

namespace Switchboard.Features.Team;

/// <summary>
/// POST /api/v1/team/transfer-ownership {user_id, password} → 200: the owner hands the workspace to an active member
/// whose address is confirmed (the new owner must be reachable: the mail about the plan, the team and this very
/// change goes there). The former owner becomes an admin — on a full seat when the plan has room for one more, else
/// on a lite seat, so a transfer never takes the workspace past its plan. Under the workspace lock; audited; both get
/// a mail; both members' rows change with <c>member_updated</c>, so open pages redraw who may do what.
/// </summary>
public static class TransferOwnership
{
    public sealed record Request(Guid UserId, string Password);
    public sealed record Response(string Message, Guid OwnerUserId, string FormerOwnerRole, string FormerOwnerSeat);

    public const string OwnerOnly = "Only the org owner can transfer ownership";
    public const string NotMember = "Team member not found";
    public const string Self = "You already own this business";
    public const string Suspended = "The new owner must be an active member: restore them first.";
    public const string Unconfirmed = "The new owner has not confirmed their email address yet: ask them to open the confirmation link first.";

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, PasswordHashing hasher,
        LoginThrottle throttle, OutboxWriter outbox, PublicLinks links, TimeProvider time)
    {
        var caller = http.Caller();
        if (!caller.Member.IsOwner) return Answer.Refuse(Failure.OwnerOnly(OwnerOnly));
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var targetId = input.Uuid("user_id", input.String("user_id", required: true, max: 64));
        var password = input.String("password", required: true, max: int.MaxValue);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var me = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == caller.UserId);
        if (me is null) return Answer.Refuse(Failure.Unauthenticated());
        if (await PasswordCheck.RefusalAsync(http, me, password!, hasher, throttle) is { } refused) return refused;
        if (targetId == caller.UserId) return Answer.Refuse(Failure.Invalid(Self, "user_id"));

        var now = time.Now();
        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        if (work is null) return Answer.Refuse(Failure.NotFound("Business not found"));
        // Under the lock, as it is now: a second transfer racing this one finds the caller no longer the owner.
        var owner = await db.Memberships.FirstOrDefaultAsync(m => m.WorkspaceId == caller.WorkspaceId && m.UserId == caller.UserId);
        if (owner is null || !owner.IsOwner || work.Workspace.OwnerUserId != caller.UserId)
            return Answer.Refuse(Failure.OwnerOnly(OwnerOnly));
        var target = await db.Memberships.Include(m => m.User)
            .FirstOrDefaultAsync(m => m.WorkspaceId == caller.WorkspaceId && m.UserId == targetId);
        if (target?.User is null) return Answer.Refuse(Failure.NotFound(NotMember));
        if (!target.IsActive || target.IsSuspended) return Answer.Refuse(Failure.Invalid(Suspended, "user_id"));
        if (target.User.EmailVerifiedAt is null) return Answer.Refuse(Failure.Invalid(Unconfirmed, "user_id"));

        var usage = await SeatUsage.MeasureAsync(db, caller.WorkspaceId, now);
        // The target's plan seat (if it held one) is freed by becoming owner; the former owner needs one as an admin.
        var freed = target.UsesPlanSeat ? 1 : 0;
        var formerSeat = usage.PlanSeatsUsed - freed < work.Workspace.Plan.ExtraFullSeats() ? Seat.Full : Seat.Lite;
        if (target.Seat == Seat.Lite)
        {
            SeatLedgerWriter.Record(db, now, caller.WorkspaceId, Seat.Lite, -1, "ownership_received", target.UserId, usage);
            SeatLedgerWriter.Record(db, now, caller.WorkspaceId, Seat.Full, +1, "ownership_received", target.UserId,
                usage with { LiteSeats = usage.LiteSeats - 1 });
            usage = usage with { LiteSeats = usage.LiteSeats - 1, FullSeats = usage.FullSeats + 1 };
        }
        if (formerSeat == Seat.Lite)
        {
            SeatLedgerWriter.Record(db, now, caller.WorkspaceId, Seat.Full, -1, "ownership_transferred", owner.UserId, usage);
            SeatLedgerWriter.Record(db, now, caller.WorkspaceId, Seat.Lite, +1, "ownership_transferred", owner.UserId,
                usage with { FullSeats = usage.FullSeats - 1 });
        }
        target.Role = Role.Owner;
        target.Seat = Seat.Full;
        target.UpdatedAt = now;
        owner.Role = Role.Admin;
        owner.Seat = formerSeat;
        owner.UpdatedAt = now;
        await db.Workspaces.Where(w => w.Id == caller.WorkspaceId)
            .ExecuteUpdateAsync(w => w.SetProperty(x => x.OwnerUserId, target.UserId));
        AuditLog.Record(db, now, caller.WorkspaceId, caller.UserId, "workspace.ownership_transferred", "workspace", caller.WorkspaceId,
            new { from_user_id = owner.UserId, to_user_id = target.UserId, former_owner_role = "admin", former_owner_seat = formerSeat.Wire() });
        outbox.Add(db, now, target.User.Email, OwnershipTransferredMail.ToNewOwner(work.Workspace.Name, me.Name, links.Home));
        outbox.Add(db, now, me.Email, OwnershipTransferredMail.ToFormerOwner(work.Workspace.Name, target.User.Name, links.Home));
        work.Raise(new MemberUpdated(caller.WorkspaceId, target.UserId, target.Id, target.Role, target.Seat));
        work.Raise(new MemberUpdated(caller.WorkspaceId, owner.UserId, owner.Id, owner.Role, owner.Seat));
        work.Raise(new WorkspaceUpdated(caller.WorkspaceId));
        await work.CommitAsync();
        outbox.Wake();
        return Answer.Value(new Response($"{target.User.Name} now owns the business; you are an admin.", target.UserId,
            owner.Role.Wire(), owner.Seat.Wire()));
    }
}
