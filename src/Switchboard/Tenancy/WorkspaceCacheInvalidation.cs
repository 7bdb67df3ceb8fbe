using Switchboard.Domain;

namespace Switchboard.Tenancy;

/// <summary>
/// Every committed change reaches <see cref="WorkspaceCache"/> before anything else hears of it (it is the
/// first handler registered), so the request that made the change, and any request after it on this node,
/// reads fresh data.
/// </summary>
public sealed class WorkspaceCacheInvalidation(WorkspaceCache cache) : IDomainEventHandler
{
    public Task HandleAsync(IDomainEvent domainEvent)
    {
        cache.Invalidate(domainEvent.WorkspaceId);
        switch (domainEvent)
        {
            // Changes to a user's memberships move which workspace they act in without a header.
            case MemberJoined e: cache.Invalidate(e.UserId); break;
            case MemberRemoved e: cache.Invalidate(e.UserId); break;
            case MemberUpdated e: cache.Invalidate(e.UserId); break;
            case MemberSuspended e: cache.Invalidate(e.UserId); break;
            case MemberRestored e: cache.Invalidate(e.UserId); break;
            case WorkspaceCreated e: cache.Invalidate(e.OwnerUserId); break;
            case TokenRevoked e: cache.Invalidate(e.UserId); break;
        }
        return Task.CompletedTask;
    }
}
