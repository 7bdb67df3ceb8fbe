namespace Switchboard.Domain;

/// <summary>
/// An email invitation. Its random id is the capability carried by the link while it is pending; accepted,
/// revoked and expired invites stay as rows (with their status) for the managers' history.
/// </summary>
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
    /// <summary>As stored: a pending invite past <see cref="ExpiresAt"/> is expired before the daily sweep says so.</summary>
    public InviteStatus Status { get; set; } = InviteStatus.Pending;

    public bool IsExpired(DateTime now) => ExpiresAt <= now;

    /// <summary>What the invite is now: the stored status, with time applied to a pending one.</summary>
    public InviteStatus StatusAt(DateTime now) => Status == InviteStatus.Pending && IsExpired(now) ? InviteStatus.Expired : Status;
}
