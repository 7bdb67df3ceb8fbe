using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Features.Billing;

/// <summary>
/// What a workspace uses against its plan: full seats besides the owner, including pending full-seat invites.
/// Suspended members hold no seat (<see cref="Suspended"/> counts them apart); invite links hold none either —
/// each join is checked against the plan when it happens.
/// </summary>
public sealed record SeatUsage(int FullSeats, int LiteSeats, int PendingFullInvites, int PlanSeatsUsed, int Suspended = 0)
{
    public static async Task<SeatUsage> MeasureAsync(SwitchboardDb db, Guid workspaceId, DateTime now)
    {
        var seats = await db.Memberships.Where(m => m.WorkspaceId == workspaceId)
            .GroupBy(m => new { m.Seat, m.Role, Suspended = m.SuspendedAt != null })
            .Select(g => new { g.Key.Seat, g.Key.Role, g.Key.Suspended, Count = g.Count() })
            .ToListAsync();
        var pending = await db.Invites
            .Where(i => i.WorkspaceId == workspaceId && i.Status == InviteStatus.Pending && i.ExpiresAt > now)
            .GroupBy(i => new { i.Seat, i.Role })
            .Select(g => new { g.Key.Seat, g.Key.Role, Count = g.Count() })
            .ToListAsync();
        var active = seats.Where(s => !s.Suspended).ToList();
        var full = active.Where(s => s.Seat == Seat.Full).Sum(s => s.Count);
        var lite = active.Where(s => s.Seat == Seat.Lite).Sum(s => s.Count);
        // One rule decides what the plan counts, for members and pending invites alike.
        var members = active.Where(s => Membership.UsesPlanSeatFor(s.Role, s.Seat)).Sum(s => s.Count);
        var invites = pending.Where(i => Membership.UsesPlanSeatFor(i.Role, i.Seat)).Sum(i => i.Count);
        var suspended = seats.Where(s => s.Suspended).Sum(s => s.Count);
        return new SeatUsage(full, lite, invites, members + invites, suspended);
    }

    public bool HasRoomFor(Plan plan) => PlanSeatsUsed < plan.ExtraFullSeats();

    public static Failure LimitReached(Plan plan) => Failure.PlanLimit(
        $"Plan limit reached: the {plan.Wire()} plan allows {plan.ExtraFullSeats()} agents. Upgrade to add more agents.");
}
