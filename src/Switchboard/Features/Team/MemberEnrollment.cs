using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Features.Billing;

namespace Switchboard.Features.Team;

/// <summary>
/// Makes a user a member: the membership, the default team, notification defaults, the seat ledger and
/// the audit row — every path that adds someone (PingBack invite, Pipeback auto-add, accept) goes here.
/// Call it inside a transaction that holds <see cref="WorkspaceLock"/>; the caller saves and commits.
/// </summary>
public static class MemberEnrollment
{
    public static async Task<Result<Membership>> EnrollAsync(SwitchboardDb db, DateTime now, Workspace workspace,
        Guid userId, Role role, Seat seat, Guid? actorUserId, string reason, bool countsPendingInvite = false, Guid? actorScimToken = null)
    {
        if (await db.Memberships.AnyAsync(m => m.WorkspaceId == workspace.Id && m.UserId == userId))
            return Failure.Conflict("User is already a team member", "email");

        var usage = await SeatUsage.MeasureAsync(db, workspace.Id, now);
        // Accepting an invite turns a pending full seat into a member: it was already counted.
        var usesPlanSeat = Membership.UsesPlanSeatFor(role, seat);
        var used = usage.PlanSeatsUsed - (countsPendingInvite && usesPlanSeat ? 1 : 0);
        if (usesPlanSeat && used >= workspace.Plan.ExtraFullSeats())
            return SeatUsage.LimitReached(workspace.Plan);

        var membership = new Membership
        {
            WorkspaceId = workspace.Id,
            UserId = userId,
            Role = role,
            Seat = seat,
            Status = AgentStatus.Offline,
            InvitedAt = now,
            UpdatedAt = now,
        };
        db.Memberships.Add(membership);
        var defaultTeam = await db.Teams.Where(t => t.WorkspaceId == workspace.Id && t.IsDefault)
            .Select(t => (Guid?)t.Id).FirstOrDefaultAsync();
        if (defaultTeam is { } teamId)
            db.TeamMembers.Add(new TeamMember { TeamId = teamId, MembershipId = membership.Id, CreatedAt = now });
        if (!await db.NotificationPreferences.AnyAsync(p => p.UserId == userId && p.WorkspaceId == workspace.Id))
            db.NotificationPreferences.Add(new NotificationPreference { UserId = userId, WorkspaceId = workspace.Id });
        SeatLedgerWriter.Record(db, now, workspace.Id, seat, +1, reason, userId, usage);
        AuditLog.Record(db, now, workspace.Id, actorUserId, "member.added", "membership", membership.Id,
            new { user_id = userId, role = role.Wire(), seat = seat.Wire(), reason }, actorScimToken);
        return membership;
    }
}
