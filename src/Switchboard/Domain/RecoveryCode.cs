namespace Switchboard.Domain;

/// <summary>One of the ten one-time codes shown when an authenticator is confirmed; only its SHA-256 is kept.</summary>
public sealed class RecoveryCode
{
    public long Id { get; init; }
    public Guid UserId { get; init; }
    public required string CodeHash { get; init; }
    public DateTime CreatedAt { get; init; }

    /// <summary>Set by the one sign-in that used it; a used code never works again.</summary>
    public DateTime? UsedAt { get; set; }
}
