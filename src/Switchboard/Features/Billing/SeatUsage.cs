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
            .GroupBy(m => new { m.Seat, IsOwner = m.Role == Role.Owner })
            .Select(g => new { g.Key.Seat, g.Key.IsOwner, Count = g.Count() })
            .ToListAsync();
        var pendingFull = await db.Invites
            .CountAsync(i => i.WorkspaceId == workspaceId && i.Seat == Seat.Full && i.ExpiresAt > now);
        var full = seats.Where(s => s.Seat == Seat.Full).Sum(s => s.Count);
        var lite = seats.Where(s => s.Seat == Seat.Lite).Sum(s => s.Count);
        var fullBesidesOwner = seats.Where(s => s.Seat == Seat.Full && !s.IsOwner).Sum(s => s.Count);
        return new SeatUsage(full, lite, pendingFull, fullBesidesOwner + pendingFull);
    }

    public bool HasRoomFor(Plan plan) => PlanSeatsUsed < plan.ExtraFullSeats();

    public static Failure LimitReached(Plan plan) => Failure.PlanLimit(
        $"Plan limit reached: the {plan.Wire()} plan allows {plan.ExtraFullSeats()} agents. Upgrade to add more agents.");
}
