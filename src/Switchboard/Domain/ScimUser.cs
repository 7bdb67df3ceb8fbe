namespace Switchboard.Domain;

/// <summary>
/// A user an identity provider provisioned into a workspace over SCIM: the provider's attributes, and the account
/// they stand for. The account's own address, name and password are never changed through it (docs/sso-scim.md);
/// whether the person is active is the membership's state (none, suspended or active), not a column here.
/// </summary>
public sealed class ScimUser
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    public Guid UserId { get; init; }
    public required string UserName { get; set; }
    /// <summary>Case-insensitive key of <see cref="UserName"/> (RFC 7643: userName is not case-exact).</summary>
    public required string NormalizedUserName { get; set; }
    public string? ExternalId { get; set; }
    public string? DisplayName { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    /// <summary>The work address the provider sent (or the userName): the address the account was found or made by.</summary>
    public required string Email { get; set; }
    /// <summary>Bumped by every change through SCIM: the ETag's version.</summary>
    public int Version { get; set; } = 1;
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
}
