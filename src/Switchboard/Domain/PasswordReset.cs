namespace Switchboard.Domain;

/// <summary>
/// A mailed password-reset link: a random secret whose SHA-256 alone is stored. It works once, for
/// <see cref="Lifetime"/>, and only while it is the newest link of its user; used and older rows stay until they
/// expire, so a late click is told why the link no longer works instead of "unknown".
/// </summary>
public sealed class PasswordReset : IOneTimeLink
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid UserId { get; init; }
    public required string TokenHash { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    public DateTime? UsedAt { get; set; }

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
}
