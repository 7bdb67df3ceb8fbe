using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Features.Billing;

public static class SeatLedgerWriter
{
    /// <summary>Appends the seat change to the current unit of work; <paramref name="before"/> is the usage before it applies.</summary>
    public static void Record(SwitchboardDb db, DateTime at, Guid workspaceId, Seat seat, int change, string reason,
        Guid? userId, SeatUsage before)
    {
        var full = before.FullSeats + (seat == Seat.Full ? change : 0);
        var lite = before.LiteSeats + (seat == Seat.Lite ? change : 0);
        db.SeatLedger.Add(new SeatLedgerEntry
        {
            WorkspaceId = workspaceId,
            Seat = seat,
            Change = change,
            Reason = reason,
            UserId = userId,
            FullSeatsAfter = full,
            LiteSeatsAfter = lite,
            CreatedAt = at,
        });
    }
}
