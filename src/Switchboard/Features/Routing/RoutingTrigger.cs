using Switchboard.Domain;

namespace Switchboard.Features.Routing;

/// <summary>
/// Drains the queue whenever something may let it move: a new conversation, someone going live, a
/// conversation finishing, a member joining, leaving or being suspended, a routing setting changing.
/// </summary>
public sealed class RoutingTrigger(IServiceScopeFactory scopes) : IDomainEventHandler
{
    public async Task HandleAsync(IDomainEvent domainEvent)
    {
        var wakes = domainEvent switch
        {
            ConversationCreated or ConversationFinished or MemberJoined or MemberRemoved or MemberSuspended or MemberUpdated or RoutingChanged => true,
            AgentStatusChanged changed => changed.Status == AgentStatus.Live,
            _ => false,
        };
        if (!wakes) return;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Router>().DrainAsync(domainEvent.WorkspaceId);
    }
}
