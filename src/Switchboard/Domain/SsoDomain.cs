namespace Switchboard.Domain;

/// <summary>
/// An email domain a workspace claims for single sign-on. It counts only once verified: its holder published
/// <see cref="TxtValue"/> at <see cref="TxtName"/>, which only whoever runs the domain's DNS can do. A domain is
/// verified by one workspace at most.
/// </summary>
public sealed class SsoDomain
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    /// <summary>Lower case, IDNA (punycode) form, no trailing dot.</summary>
    public required string Name { get; init; }
    /// <summary>Random; public (it is published in DNS), so stored as it is.</summary>
    public required string VerificationToken { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? VerifiedAt { get; set; }

    public const string TxtPrefix = "_switchboard-verification.";

    public string TxtName => TxtPrefix + Name;

    public string TxtValue => "switchboard-verification=" + VerificationToken;
}
