namespace Switchboard.Domain;

/// <summary>
/// One sign-in on its way through the provider: the <c>state</c> it carries (stored as SHA-256), the nonce the ID token
/// must echo, and the PKCE verifier (protected). Deleted when the callback arrives, so a state works once, on any node.
/// </summary>
public sealed class SsoSignIn
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    public required string StateHash { get; init; }
    public required string Nonce { get; init; }
    public required string CodeVerifierProtected { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
}
