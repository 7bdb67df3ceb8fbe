using StackExchange.Redis;

namespace Switchboard.Cluster;

/// <summary>
/// Keeps this node's liveness key in Redis (15 s, renewed every 5 s): presence counts of a node that died
/// stop counting once it expires. After Redis comes back, rewrites this node's presence counts.
/// </summary>
public sealed class NodeHeartbeat(IConnectionMultiplexer redis, RedisPresence presence, ClusterOptions options,
    ILogger<NodeHeartbeat> log) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        log.LogInformation("Node {NodeId} joins the cluster through Redis ({Connected})", options.NodeId,
            redis.IsConnected ? "connected" : "not reachable yet, retrying in the background");
        redis.ConnectionRestored += (_, _) =>
        {
            Beat();
            presence.Resync();
        };
        while (!stopping.IsCancellationRequested)
        {
            Beat();
            try
            {
                await Task.Delay(Every, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // A node that leaves cleanly stops counting at once.
        if (redis.IsConnected)
            try
            {
                await redis.GetDatabase().KeyDeleteAsync(presence.NodeKey(options.NodeId)).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (Exception error) when (error is RedisException or TimeoutException or OperationCanceledException)
            {
            }
    }

    private void Beat()
    {
        if (!redis.IsConnected) return;
        try
        {
            redis.GetDatabase().StringSet(presence.NodeKey(options.NodeId), DateTime.UtcNow.ToString("O"), Lifetime,
                flags: CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
        }
    }
}
