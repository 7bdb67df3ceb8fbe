namespace Switchboard.Domain;

/// <summary>
/// A provisioning bearer token of one workspace (SCIM 2.0): whoever holds it provisions that workspace's users and
/// groups. Only the SHA-256 of the token is stored; a revoked token stays as history (the audit trail names it).
/// </summary>
public sealed class ScimToken
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    public required string Name { get; init; }
    public required string SecretHash { get; init; }
    public Guid CreatedByUserId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public const int NameMaxLength = 100;
}
