namespace Switchboard.Domain;

/// <summary>A group an identity provider pushed over SCIM; its members' roles and seats follow the workspace's mapping.</summary>
public sealed class ScimGroup
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    public required string DisplayName { get; set; }
    /// <summary>Case-insensitive key of <see cref="DisplayName"/>: what the group mapping names.</summary>
    public required string NormalizedName { get; set; }
    public string? ExternalId { get; set; }
    public int Version { get; set; } = 1;
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    public List<ScimGroupMember> Members { get; init; } = [];

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();
}

public sealed class ScimGroupMember
{
    public Guid GroupId { get; init; }
    public Guid ScimUserId { get; init; }
}
