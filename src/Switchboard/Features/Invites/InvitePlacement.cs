using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email.Templates;
using Switchboard.Features.Billing;
using Switchboard.Features.Team;
using Switchboard.Tenancy;

namespace Switchboard.Features.Invites;

/// <summary>
/// Invites one address inside the caller's unit of work (which holds the workspace lock), for the single
/// invite and for each address of a bulk invite alike: an address gets a pending invite and its mail (through
/// the outbox, within the workspace's daily budget and the per-mailbox cap). Only the single invite, when
/// <c>addExisting</c>, adds a confirmed account at once (the seed's behaviour); bulk never does, so its answers
/// cannot sort a list into "has an account" and "has not", and nobody is put in a workspace unasked by the
/// hundred. Seats are counted against the plan as it is under the lock, pending invites included. Nothing is
/// written unless the outcome is <see cref="Outcome.Invited"/> or <see cref="Outcome.Added"/>.
/// </summary>
public static class InvitePlacement
{
    /// <summary><see cref="Outcome.RateLimited"/>: the mailbox had its mails for the hour; <see cref="Outcome.BudgetSpent"/>: the workspace its mails for the day.</summary>
    public enum Outcome { Invited, Added, AlreadyMember, AlreadyInvited, PlanLimit, RateLimited, BudgetSpent }

    public sealed record Placed(Outcome Outcome, Invite? Invite = null, Membership? Member = null, TimeSpan? Wait = null);

    public static async Task<Placed> PlaceAsync(InviteServices s, WorkspaceWork work, Caller caller, string email,
        Seat seat, Role role, DateTime now, bool addExisting)
    {
        var db = s.Db;
        var workspace = work.Workspace;
        var normalized = Domain.User.Normalize(email);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized);
        if (user is not null && await db.Memberships.AnyAsync(m => m.WorkspaceId == workspace.Id && m.UserId == user.Id))
            return new(Outcome.AlreadyMember);
        if (await db.Invites.AnyAsync(i => i.WorkspaceId == workspace.Id && i.NormalizedEmail == normalized
                && i.Status == InviteStatus.Pending && i.ExpiresAt > now))
            return new(Outcome.AlreadyInvited);
        // Before the account decides anything: a spent budget answers alike for every address, so it also caps
        // how many addresses a workspace can learn about in a day through the single invite's "added".
        if (await InviteBudget.WaitAsync(s, workspace, now) is { } spent) return new(Outcome.BudgetSpent, Wait: spent);
        return addExisting && user is { EmailVerifiedAt: not null }
            ? await AddExistingAsync(s, work, caller, user, seat, role, now)
            : await InviteAsync(s, work, caller, email, normalized, seat, role, now);
    }

    private static async Task<Placed> InviteAsync(InviteServices s, WorkspaceWork work, Caller caller, string email,
        string normalized, Seat seat, Role role, DateTime now)
    {
        var db = s.Db;
        var workspace = work.Workspace;
        if (Membership.UsesPlanSeatFor(role, seat)
            && !(await SeatUsage.MeasureAsync(db, workspace.Id, now)).HasRoomFor(workspace.Plan))
            return new(Outcome.PlanLimit);
        if (await InviteMailer.WaitBeforeMailAsync(s, email, now) is { } wait) return new(Outcome.RateLimited, Wait: wait);
        // A pending row past its expiry becomes history: the unique index allows one pending invite per address.
        await db.Invites.Where(i => i.WorkspaceId == workspace.Id && i.NormalizedEmail == normalized
                && i.Status == InviteStatus.Pending && i.ExpiresAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, InviteStatus.Expired));
        var invite = new Invite
        {
            WorkspaceId = workspace.Id,
            Email = email,
            NormalizedEmail = normalized,
            Seat = seat,
            Role = role,
            InvitedByUserId = caller.UserId,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now + s.Options.Value.Lifetime,
        };
        db.Invites.Add(invite);
        await InviteMailer.QueueAsync(s, now, invite, workspace, caller.UserId);
        AuditLog.Record(db, now, workspace.Id, caller.UserId, "invite.created", "invite", invite.Id,
            new { email, seat = seat.Wire(), role = role.Wire() });
        work.Raise(new InvitesChanged(workspace.Id));
        Operations.Telemetry.InvitesCreated.Add(1);
        return new(Outcome.Invited, Invite: invite);
    }

    private static async Task<Placed> AddExistingAsync(InviteServices s, WorkspaceWork work, Caller caller, Domain.User user,
        Seat seat, Role role, DateTime now)
    {
        var db = s.Db;
        var workspace = work.Workspace;
        var added = await MemberEnrollment.EnrollAsync(db, now, workspace, user.Id, role, seat, caller.UserId, "pipeback_invite");
        if (!added.Succeeded)
            return new(added.Failure.Kind == FailureKind.Conflict ? Outcome.AlreadyMember : Outcome.PlanLimit);
        var member = added.Value;
        // Over the per-recipient cap the member is still added; only the courtesy mail is skipped.
        if (await InviteMailer.WaitBeforeMailAsync(s, user.Email, now) is null)
        {
            var inviter = await InviteMailer.InviterNameAsync(s, caller.UserId);
            s.Outbox.Add(db, now, user.Email, AddedToWorkspaceMail.Compose(workspace.Name, inviter, s.Links.Home), workspace.Id);
        }
        work.Raise(new MemberJoined(workspace.Id, user.Id, member.Id, member.Role, member.Seat));
        return new(Outcome.Added, Member: member);
    }
}
