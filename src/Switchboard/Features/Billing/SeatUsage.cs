using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Features.Billing;

/// <summary>What a workspace uses against its plan: full seats besides the owner, including pending full-seat invites.</summary>
public sealed record SeatUsage(int FullSeats, int LiteSeats, int PendingFullInvites, int PlanSeatsUsed)
{
    public static async Task<SeatUsage> MeasureAsync(SwitchboardDb db, Guid workspaceId, DateTime now)
    {
        var seats = await db.Memberships.Where(m => m.WorkspaceId == workspaceId)
            .GroupBy(m => new { m.Seat, m.Role })
            .Select(g => new { g.Key.Seat, g.Key.Role, Count = g.Count() })
            .ToListAsync();
        var pending = await db.Invites.Where(i => i.WorkspaceId == workspaceId && i.ExpiresAt > now)
            .GroupBy(i => new { i.Seat, i.Role })
            .Select(g => new { g.Key.Seat, g.Key.Role, Count = g.Count() })
            .ToListAsync();
        var full = seats.Where(s => s.Seat == Seat.Full).Sum(s => s.Count);
        var lite = seats.Where(s => s.Seat == Seat.Lite).Sum(s => s.Count);
        // One rule decides what the plan counts, for members and pending invites alike.
        var members = seats.Where(s => Membership.UsesPlanSeatFor(s.Role, s.Seat)).Sum(s => s.Count);
        var invites = pending.Where(i => Membership.UsesPlanSeatFor(i.Role, i.Seat)).Sum(i => i.Count);
        return new SeatUsage(full, lite, invites, members + invites);
    }

    public bool HasRoomFor(Plan plan) => PlanSeatsUsed < plan.ExtraFullSeats();

    public static Failure LimitReached(Plan plan) => Failure.PlanLimit(
        $"Plan limit reached: the {plan.Wire()} plan allows {plan.ExtraFullSeats()} agents. Upgrade to add more agents.");
}
