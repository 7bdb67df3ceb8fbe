using Switchboard.Domain;

namespace Switchboard.Realtime;

/// <summary>
/// Hands each event to every registered handler. A failing handler is logged and does not fail the
/// request: the change it reports has already committed.
/// </summary>
public sealed class InProcessDomainEvents(IEnumerable<IDomainEventHandler> handlers, ILogger<InProcessDomainEvents> log)
    : IDomainEvents
{
    public async Task PublishAsync(IDomainEvent domainEvent)
    {
        foreach (var handler in handlers)
        {
            try
            {
                await handler.HandleAsync(domainEvent);
            }
            catch (Exception error)
            {
                log.LogError(error, "Handler {Handler} failed on {Event}", handler.GetType().Name, domainEvent.GetType().Name);
            }
        }
    }
}
