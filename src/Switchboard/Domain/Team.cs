namespace Switchboard.Domain;

/// <summary>A group of members; every workspace has a default one that new members join.</summary>
public sealed class Team
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    public required string Name { get; set; }
    public bool IsDefault { get; init; }
    public DateTime CreatedAt { get; init; }
    /// <summary>The team's business hours as stored JSON (<see cref="BusinessHours"/>); null = always open.</summary>
    public string? Hours { get; set; }

    public const int MaxNameLength = 100;
}
