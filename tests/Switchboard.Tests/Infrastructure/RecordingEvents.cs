using System.Collections.Concurrent;
using Switchboard.Domain;

namespace Switchboard.Tests.Infrastructure;

/// <summary>Listens at the domain-event seam the way realtime does, so tests can see what was raised.</summary>
public sealed class RecordingEvents : IDomainEventHandler
{
    private readonly ConcurrentQueue<IDomainEvent> _events = new();

    public Task HandleAsync(IDomainEvent domainEvent)
    {
        _events.Enqueue(domainEvent);
        return Task.CompletedTask;
    }

    public IReadOnlyList<T> Of<T>(Guid workspaceId) where T : IDomainEvent =>
        _events.OfType<T>().Where(e => e.WorkspaceId == workspaceId).ToList();
}
