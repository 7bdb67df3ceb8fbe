namespace Switchboard.Domain;

/// <summary>A pending email invitation. Its random id is the capability carried by the link.</summary>
public sealed class Invite
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    public Workspace? Workspace { get; init; }
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    public Seat Seat { get; set; }
    public Role Role { get; set; } = Role.Agent;
    public Guid InvitedByUserId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    public bool IsExpired(DateTime now) => ExpiresAt <= now;
}
