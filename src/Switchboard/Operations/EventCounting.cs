using Switchboard.Domain;

namespace Switchboard.Operations;

/// <summary>
/// Counts what was published after each commit: every domain event by type, and the accepted invites among them
/// (counted from the event, so a unit of work that rolled back counts nothing). Registered last of the handlers.
/// </summary>
public sealed class EventCounting : IDomainEventHandler
{
    public Task HandleAsync(IDomainEvent domainEvent)
    {
        Telemetry.EventsPublished.Add(1, new KeyValuePair<string, object?>("type", domainEvent.GetType().Name));
        if (domainEvent is InviteAccepted) Telemetry.InvitesAccepted.Add(1);
        return Task.CompletedTask;
    }
}
