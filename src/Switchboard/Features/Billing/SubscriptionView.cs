using Switchboard.Domain;
using Switchboard.Faces.Pipeback;

namespace Switchboard.Features.Billing;

public sealed record SubscriptionView(string Plan, SeatCounts Seats, IReadOnlyList<LedgerEntryView> Ledger);

public sealed record SeatCounts(int Full, int Lite);

/// <summary>One line of the append-only seat ledger, as a payment provider would read it.</summary>
public sealed record LedgerEntryView(long Id, string Seat, int Change, string Reason, Guid? UserId, int FullSeatsAfter,
    int LiteSeatsAfter, string CreatedAt)
{
    public static LedgerEntryView From(SeatLedgerEntry e) => new(e.Id, e.Seat.Wire(), e.Change, e.Reason, e.UserId,
        e.FullSeatsAfter, e.LiteSeatsAfter, PipebackFace.Timestamp(e.CreatedAt));
}
