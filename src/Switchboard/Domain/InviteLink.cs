namespace Switchboard.Domain;

/// <summary>
/// A join link not tied to an address: whoever holds its secret (and a confirmed account) may join with its
/// role and seat while uses and days remain and the plan has room. Only the secret's SHA-256 is stored.
/// </summary>
public sealed class InviteLink
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    public required string SecretHash { get; init; }
    public Role Role { get; init; } = Role.Agent;
    public Seat Seat { get; init; } = Seat.Full;
    public Guid CreatedByUserId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    public int MaxUses { get; init; }
    public int Uses { get; set; }
    public DateTime? RevokedAt { get; set; }

    public const int MaxDays = 30;
    public const int MaxUsesLimit = 1000;

    public int UsesLeft => Math.Max(0, MaxUses - Uses);

    /// <summary>Open to a join: not revoked, not expired, uses left.</summary>
    public bool IsLive(DateTime now) => RevokedAt is null && ExpiresAt > now && Uses < MaxUses;

    public string StatusAt(DateTime now) =>
        RevokedAt is not null ? "revoked" : ExpiresAt <= now ? "expired" : Uses >= MaxUses ? "used_up" : "active";
}
