namespace Switchboard.Domain;

/// <summary>
/// A conversation's first-response target is 80% used (<see cref="Breached"/> false: sla_warning) or passed
/// (true: sla_breached); raised once each, by whichever node's routing clock marked it first.
/// </summary>
public sealed record SlaAlert(Guid WorkspaceId, Guid ConversationId, bool Breached, Priority Priority, DateTime DueAt) : IDomainEvent;
