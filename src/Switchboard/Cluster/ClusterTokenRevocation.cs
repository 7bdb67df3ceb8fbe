using Switchboard.Auth;
using Switchboard.SocketIO;

namespace Switchboard.Cluster;

/// <summary>
/// Tells the other nodes of a cluster that a token was revoked and waits for each to evict it from its
/// <see cref="TokenCache"/>, so that the revoking request is answered only once no node accepts the token any more
/// ("a revoked right ends at once, on every node"). Carried by the Socket.IO adapter's server-side emit over Redis
/// pub/sub; each node acknowledges after evicting. The wait is bounded: a node that does not answer in time (hung,
/// or cut from Redis) is logged, and its own one-second cache lifetime still ends the token there within a second.
/// </summary>
public sealed class ClusterTokenRevocation(SocketIOServer io, TokenCache cache, ILogger<ClusterTokenRevocation> log)
    : ITokenRevocationPeers, IHostedService
{
    public const string EventName = "switchboard:token_revoked";

    /// <summary>Long enough for a loaded node to answer over Redis, short enough that a logout never hangs.</summary>
    public static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(2);

    public async Task EvictEverywhereAsync(long tokenId)
    {
        try
        {
            await io.ServerSideEmitWithAckAsync(EventName, AckTimeout, tokenId);
        }
        catch (TimeoutException error)
        {
            log.LogWarning(error, "Not every node confirmed evicting revoked token {TokenId} within {Timeout}", tokenId, AckTimeout);
        }
        catch (Exception error)
        {
            log.LogWarning(error, "Could not tell the other nodes that token {TokenId} was revoked", tokenId);
        }
    }

    /// <summary>Listens before the node serves requests: another node's revocation must reach this cache from the start.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        io.OnServerSideEmit(async e =>
        {
            if (e.Name != EventName || e.Args.Count < 1) return;
            if (e.Args.GetJson(0) is { ValueKind: System.Text.Json.JsonValueKind.Number } id && id.TryGetInt64(out var tokenId))
                cache.Remove(tokenId);
            await e.AckAsync(true);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
