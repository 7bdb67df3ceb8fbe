namespace Switchboard.Domain;

/// <summary>
/// A mailed link that works once, until it expires, and only while it is the newest of its user (a password reset, an
/// address change): the row keeps the SHA-256 of the link's secret and when it was used, so a late click is told why.
/// </summary>
public interface IOneTimeLink
{
    Guid Id { get; }
    Guid UserId { get; }
    string TokenHash { get; }
    DateTime CreatedAt { get; }
    DateTime ExpiresAt { get; }
    DateTime? UsedAt { get; }
}
