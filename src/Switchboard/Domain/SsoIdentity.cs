namespace Switchboard.Domain;

/// <summary>
/// The account a provider's subject (<c>iss</c> + <c>sub</c>) signed in as, per workspace: later sign-ins find the
/// account by it, not by an address the provider may reassign.
/// </summary>
public sealed class SsoIdentity
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    public required string Issuer { get; init; }
    public required string Subject { get; init; }
    public Guid UserId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime LastSignInAt { get; set; }
}
