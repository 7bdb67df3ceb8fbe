namespace Switchboard.Domain;

/// <summary>Append-only record of seat changes: what a payment provider would bill from.</summary>
public sealed class SeatLedgerEntry
{
    public long Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public Seat Seat { get; init; }
    /// <summary>+1 when a seat is taken, -1 when it is freed.</summary>
    public int Change { get; init; }
    public required string Reason { get; init; }
    public Guid? UserId { get; init; }
    public int FullSeatsAfter { get; init; }
    public int LiteSeatsAfter { get; init; }
    public DateTime CreatedAt { get; init; }
}
