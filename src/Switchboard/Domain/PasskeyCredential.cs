namespace Switchboard.Domain;

/// <summary>
/// A passkey (WebAuthn public-key credential) of an account: the authenticator keeps the private key, the service
/// only the public key, so a database leak yields nothing to sign in with.
/// </summary>
public sealed class PasskeyCredential
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid UserId { get; init; }

    /// <summary>The authenticator's credential id (raw bytes); unique across the service.</summary>
    public required byte[] CredentialId { get; init; }

    /// <summary>The COSE-encoded public key the authenticator proved at registration.</summary>
    public required byte[] PublicKey { get; init; }

    /// <summary>The authenticator's signature counter at the last accepted use: a lower or equal one means a clone.</summary>
    public long SignCount { get; set; }

    public required string Name { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? LastUsedAt { get; set; }
}
