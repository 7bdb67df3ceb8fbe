namespace Switchboard.Domain;

/// <summary>
/// A conversation's first-response target is 80% used (<see cref="Breached"/> false: sla_warning) or passed
/// (true: sla_breached); raised once each, by whichever node's routing clock marked it first.
/// </summary>
public sealed record SlaAlert(Guid WorkspaceId, Guid ConversationId, bool Breached, Priority Priority, DateTime DueAt) : IDomainEvent;

/// <summary>Offer routing offered a conversation to one agent, open until <see cref="ExpiresAt"/>.</summary>
public sealed record ConversationOffered(Guid WorkspaceId, Guid ConversationId, Guid UserId, DateTime ExpiresAt) : IDomainEvent
{
    /// <summary>The conversation as committed, so listeners need not read it again; null means read it.</summary>
    public Conversation? Conversation { get; init; }
}

/// <summary>An agent's open offer ended without an accept: <see cref="Reason"/> is "expired" or "declined".</summary>
public sealed record ConversationOfferEnded(Guid WorkspaceId, Guid ConversationId, Guid UserId, string Reason) : IDomainEvent;

/// <summary>
/// A team was created, renamed or deleted, or its members or business hours changed: the managers' open Teams pages
/// redraw it. Only ids travel; the pages read the rest with the caller's own rights.
/// </summary>
public sealed record TeamUpdated(Guid WorkspaceId, Guid TeamId, TeamChange Change) : IDomainEvent;

public enum TeamChange { Created, Renamed, Deleted, Members, Hours }
