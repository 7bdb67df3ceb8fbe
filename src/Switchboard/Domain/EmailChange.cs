namespace Switchboard.Domain;

/// <summary>
/// A signed-in user's request to move their account to another address, waiting for the new mailbox to prove itself:
/// the mailed link carries a random secret whose SHA-256 alone is stored. It works once, for <see cref="Lifetime"/>,
/// and only while it is the newest request of its user. Used rows stay until the account goes, so a late click
/// is told why the link no longer works.
/// </summary>
public sealed class EmailChange : IOneTimeLink
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid UserId { get; init; }
    public required string NewEmail { get; init; }
    /// <summary><see cref="EmailAddress.Normalize"/>d new address: what the users' unique key will hold.</summary>
    public required string NewNormalizedEmail { get; init; }
    public required string TokenHash { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    public DateTime? UsedAt { get; set; }

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
}
