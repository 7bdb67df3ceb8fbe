namespace Switchboard.Domain;

/// <summary>Something that happened, raised after its transaction commits.</summary>
public interface IDomainEvent
{
    Guid WorkspaceId { get; }
}

public sealed record ConversationAssigned(
    Guid WorkspaceId, Guid ConversationId, Guid AssigneeUserId, Guid? AssignedByUserId, string AssignedBy,
    DateTime AssignedAt, Guid? PreviousAssigneeUserId) : IDomainEvent
{
    /// <summary>The conversation as committed, so listeners need not read it again; null means read it.</summary>
    public Conversation? Conversation { get; init; }
}

public sealed record AgentStatusChanged(Guid WorkspaceId, Guid UserId, Guid MembershipId, AgentStatus Status) : IDomainEvent;

public sealed record MemberJoined(Guid WorkspaceId, Guid UserId, Guid MembershipId, Role Role, Seat Seat) : IDomainEvent;

public sealed record MemberRemoved(Guid WorkspaceId, Guid UserId, Guid MembershipId) : IDomainEvent;

/// <summary>Carries the invite's role: only those who could manage that invite may hear its id.</summary>
public sealed record InviteAccepted(Guid WorkspaceId, Guid InviteId, Role InviteRole, Guid UserId, Guid MembershipId) : IDomainEvent;

/// <summary>Not tied to one workspace: the token worked in all of the user's.</summary>
public sealed record TokenRevoked(Guid UserId, long TokenId) : IDomainEvent
{
    public Guid WorkspaceId => Guid.Empty;
}

/// <summary>The seam between operations and whoever reacts (realtime, routing): operations raise, handlers listen.</summary>
public interface IDomainEvents
{
    Task PublishAsync(IDomainEvent domainEvent);
}

public interface IDomainEventHandler
{
    Task HandleAsync(IDomainEvent domainEvent);
}

public sealed record ConversationCreated(Guid WorkspaceId, Guid ConversationId) : IDomainEvent;

public sealed record ConversationFinished(Guid WorkspaceId, Guid ConversationId, Guid? AssigneeUserId) : IDomainEvent;

/// <summary>Routing mode, default capacity or a member's capacity changed: the queue may now drain.</summary>
public sealed record RoutingChanged(Guid WorkspaceId) : IDomainEvent;

public sealed record MemberUpdated(Guid WorkspaceId, Guid UserId, Guid MembershipId, Role Role, Seat Seat) : IDomainEvent;

/// <summary>The workspace's plan, settings or profile changed: open pages redraw what depends on them.</summary>
public sealed record WorkspaceUpdated(Guid WorkspaceId) : IDomainEvent;

/// <summary>
/// A member's last socket in a workspace has been gone past the grace period (on every node): Realtime
/// reports it, and whoever owns the rule (team settings' auto_offline) decides what follows.
/// </summary>
public sealed record PresenceLost(Guid WorkspaceId, Guid UserId) : IDomainEvent;

/// <summary>A business was created; its owner is its only member.</summary>
public sealed record WorkspaceCreated(Guid WorkspaceId, Guid OwnerUserId) : IDomainEvent;

/// <summary>An invite was created, renewed or revoked: pending seats (billing, plan usage) moved.</summary>
public sealed record InvitesChanged(Guid WorkspaceId) : IDomainEvent;

/// <summary>A member was suspended: their sockets in the workspace close, their open conversations go back to routing.</summary>
public sealed record MemberSuspended(Guid WorkspaceId, Guid UserId, Guid MembershipId) : IDomainEvent;

/// <summary>A suspended member was restored (offline, on the seat they had).</summary>
public sealed record MemberRestored(Guid WorkspaceId, Guid UserId, Guid MembershipId, Role Role, Seat Seat) : IDomainEvent;
