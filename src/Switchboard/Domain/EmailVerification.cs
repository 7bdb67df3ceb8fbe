namespace Switchboard.Domain;

/// <summary>
/// A pending proof that a user reads the mailbox they registered: the mailed link carries a random secret,
/// the database keeps only its SHA-256. Confirming deletes every row of the user, so a link works once.
/// </summary>
public sealed class EmailVerification
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid UserId { get; init; }
    public required string TokenHash { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; init; }

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(48);
}
