using Switchboard.Domain;

namespace Switchboard.Auth;

/// <summary>
/// The one place a revoked token leaves <see cref="TokenCache"/>: when <see cref="TokenRevoked"/> is published,
/// which is after the revoking transaction committed (WorkspaceWork publishes after its commit; logout deletes
/// outside any transaction) and before the revoking request is answered. Evicting earlier — before the commit —
/// let a concurrent request read the still-visible row and cache it again for the cache's lifetime. After the
/// commit, a read that starts later finds no row, and one that started earlier is never cached (the generation
/// check). Other nodes are told and waited for (<see cref="ITokenRevocationPeers"/>) before the answer leaves too.
/// </summary>
public sealed class TokenRevocation(TokenCache cache, ITokenRevocationPeers? peers = null) : IDomainEventHandler
{
    public async Task HandleAsync(IDomainEvent domainEvent)
    {
        if (domainEvent is not TokenRevoked revoked) return;
        cache.Remove(revoked.TokenId);
        if (peers is not null) await peers.EvictEverywhereAsync(revoked.TokenId);
    }
}

/// <summary>The other nodes of a cluster, each evicting a revoked token from its own cache.</summary>
public interface ITokenRevocationPeers
{
    /// <summary>Returns once every other node evicted it, or after a bounded wait (a node that did not answer is logged).</summary>
    Task EvictEverywhereAsync(long tokenId);
}
