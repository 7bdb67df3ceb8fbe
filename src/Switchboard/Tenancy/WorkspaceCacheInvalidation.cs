using Switchboard.Domain;

namespace Switchboard.Tenancy;

/// <summary>
/// Every committed change reaches <see cref="WorkspaceCache"/> before anything else hears of it (it is the
/// first handler registered), so the request that made the change, and any request after it on this node,
/// reads fresh data. Only the events listed in <see cref="ChangesDataOnly"/> leave the cached callers alone;
/// any other event — including one added later and not listed — voids everything about its workspace.
/// </summary>
public sealed class WorkspaceCacheInvalidation(WorkspaceCache cache) : IDomainEventHandler
{
    /// <summary>
    /// Events that change what a workspace's reads show but not who may do what there: no role, seat, membership,
    /// token, plan or setting (a <see cref="Caller"/> holds those, never a status or a load).
    /// </summary>
    public static bool ChangesDataOnly(IDomainEvent domainEvent) => domainEvent is
        AgentStatusChanged or ConversationAssigned or ConversationCreated or ConversationFinished or PresenceLost or InvitesChanged
            or ConversationOffered or ConversationOfferEnded;

    public Task HandleAsync(IDomainEvent domainEvent)
    {
        if (ChangesDataOnly(domainEvent))
        {
            cache.InvalidateData(domainEvent.WorkspaceId);
            return Task.CompletedTask;
        }
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
            // The user's callers, and each members list that shows them (name, address, who is compliant).
            case AccountChanged e: InvalidateAccount(e.UserId, e.WorkspaceIds); break;
            case SecondFactorChanged e: InvalidateAccount(e.UserId, e.WorkspaceIds); break;
        }
        return Task.CompletedTask;
    }

    private void InvalidateAccount(Guid userId, IReadOnlyList<Guid> workspaceIds)
    {
        cache.Invalidate(userId);
        foreach (var workspace in workspaceIds) cache.InvalidateData(workspace);
    }
}
