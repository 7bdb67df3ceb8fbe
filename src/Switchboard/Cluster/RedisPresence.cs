using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Switchboard.Cluster;

/// <summary>
/// Presence across nodes in Redis. Each member has a hash <c>{prefix}:presence:{workspace}:{user}</c> with one
/// field per node holding that node's socket count, and <c>~left</c>, when a node's count last fell to zero.
/// A node's counts only count while its liveness key (<see cref="NodeHeartbeat"/>) exists, so a node that
/// died does not keep its members online forever. Counts are absolute, not increments: after Redis comes
/// back (even empty) each node rewrites its own and the picture is right again.
/// Every time it reasons with comes from the injected <see cref="TimeProvider"/> (Unix milliseconds): the
/// <c>~left</c> stamp is the moment this node saw the count fall, and a claim compares stamps with the
/// asking node's clock, so tests move a fake clock instead of sleeping through the grace. Nodes' clocks must
/// agree to within the claim's allowance (up to a second), which NTP gives.
/// </summary>
public sealed class RedisPresence(IConnectionMultiplexer redis, ClusterOptions options, TimeProvider time,
    ILogger<RedisPresence> log) : IClusterPresence
{
    // A zero count also stamps ~left with the time the node passes (when it saw the count fall).
    private static readonly LuaScript ReportScript = LuaScript.Prepare("""
        if tonumber(@count) > 0 then
          redis.call('HSET', @key, @node, @count)
        else
          redis.call('HDEL', @key, @node)
          redis.call('HSET', @key, '~left', @now)
        end
        return 1
        """);

    // One node wins the claim: two nodes whose timers end together never both mark the member offline. The
    // claim holds for @hold ms of the asking nodes' clock (the key's own expiry only clears it away later).
    private static readonly LuaScript ClaimScript = LuaScript.Prepare("""
        local fields = redis.call('HGETALL', @key)
        local now = tonumber(@now)
        for i = 1, #fields, 2 do
          local field, value = fields[i], tonumber(fields[i + 1])
          if field == '~left' then
            if now - value < tonumber(@grace) then return 0 end
          elseif value > 0 and redis.call('EXISTS', @nodes .. field) == 1 then
            return 0
          end
        end
        local held = tonumber(redis.call('GET', @claim))
        if held and now - held < tonumber(@hold) then return 0 end
        redis.call('SET', @claim, now, 'PX', @hold)
        return 1
        """);

    private readonly ConcurrentDictionary<(Guid, Guid), int> _local = new();

    public string NodeKey(string nodeId) => $"{options.Prefix}:node:{nodeId}";

    public string MemberKey(Guid workspaceId, Guid userId) => $"{options.Prefix}:presence:{workspaceId}:{userId}";

    public void Report(Guid workspaceId, Guid userId, int localSockets)
    {
        _local[(workspaceId, userId)] = localSockets;
        Send(workspaceId, userId, localSockets);
    }

    public async Task<bool?> ClaimOfflineAsync(Guid workspaceId, Guid userId, TimeSpan grace)
    {
        if (!redis.IsConnected) return null;
        try
        {
            // The timer that asks runs on the monotonic clock while stamps are wall-clock times, some of them
            // written by other nodes: allow for the difference.
            var slack = Math.Min(1000, grace.TotalMilliseconds / 2);
            var result = await redis.GetDatabase().ScriptEvaluateAsync(ClaimScript, new
            {
                key = (RedisKey)MemberKey(workspaceId, userId),
                claim = (RedisKey)$"{MemberKey(workspaceId, userId)}:offline",
                nodes = $"{options.Prefix}:node:",
                now = Now(),
                grace = (long)(grace.TotalMilliseconds - slack),
                hold = (long)Math.Max(1000, grace.TotalMilliseconds),
            }).WaitAsync(TimeSpan.FromSeconds(3));
            return (long)result == 1;
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            log.LogWarning("Presence could not ask Redis ({Error}); deciding from this node's sockets", error.Message);
            return null;
        }
    }

    /// <summary>Writes every count this node knows again (after Redis came back, possibly empty).</summary>
    public void Resync()
    {
        foreach (var ((workspaceId, userId), count) in _local)
            if (count > 0) Send(workspaceId, userId, count);
    }

    private void Send(Guid workspaceId, Guid userId, int count)
    {
        if (!redis.IsConnected) return; // Resync rewrites it when Redis is back.
        try
        {
            redis.GetDatabase().ScriptEvaluate(ReportScript, new
            {
                key = (RedisKey)MemberKey(workspaceId, userId),
                node = options.NodeId,
                count,
                now = Now(),
            }, CommandFlags.FireAndForget);
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            log.LogDebug(error, "Presence report not sent; it is resent when Redis is back");
        }
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
