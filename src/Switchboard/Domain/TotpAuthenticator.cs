namespace Switchboard.Domain;

/// <summary>
/// An account's authenticator app (RFC 6238 time-based codes). It exists pending from setup and is active once a
/// code from the app confirmed it. The shared secret is kept only in protected form (Data Protection), so the
/// database alone does not yield codes.
/// </summary>
public sealed class TotpAuthenticator
{
    public Guid UserId { get; init; }

    /// <summary>The base32 secret, protected with the service's Data Protection keys.</summary>
    public required string ProtectedSecret { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Null while pending: the account does not need a code until the app proved it has the secret.</summary>
    public DateTime? ConfirmedAt { get; set; }

    /// <summary>The newest 30-second step whose code was accepted: that code and older ones never work again.</summary>
    public long? LastUsedStep { get; set; }

    public bool IsActive => ConfirmedAt is not null;
}
