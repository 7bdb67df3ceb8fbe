using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using StackExchange.Redis;
using Switchboard.SocketIO.Redis;
using Xunit;

namespace Switchboard.Cluster.Tests;

/// <summary>
/// The presence scripts against a real Redis (SWITCHBOARD_TEST_REDIS, which scripts/test starts): a socket on
/// a live node keeps the member online, a dead node's count does not, and one node claims each offline.
/// </summary>
public sealed class RedisPresenceTests : IAsyncLifetime
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);
    private readonly string _prefix = $"test-{Guid.NewGuid():N}";
    private ConnectionMultiplexer? _redis;

    public async ValueTask InitializeAsync()
    {
        var address = Environment.GetEnvironmentVariable("SWITCHBOARD_TEST_REDIS");
        if (string.IsNullOrEmpty(address)) return;
        _redis = await RedisConnection.ConnectAsync(address);
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is null) return;
        var server = _redis.GetServers()[0];
        await foreach (var key in server.KeysAsync(pattern: $"{_prefix}:*")) await _redis.GetDatabase().KeyDeleteAsync(key);
        await _redis.DisposeAsync();
    }

    private (RedisPresence Presence, IDatabase Db) Node(string id, bool alive = true)
    {
        if (_redis is null) Assert.Skip("SWITCHBOARD_TEST_REDIS is not set (scripts/test sets it)");
        var options = new ClusterOptions { RedisConfiguration = "set", Prefix = _prefix, NodeId = id };
        var presence = new RedisPresence(_redis, options, NullLogger<RedisPresence>.Instance);
        if (alive) _redis.GetDatabase().StringSet(presence.NodeKey(id), "alive", TimeSpan.FromMinutes(1));
        return (presence, _redis.GetDatabase());
    }

    private static async Task Settle() => await Task.Delay(100); // reports are fire-and-forget

    [Fact]
    public async Task A_socket_on_another_live_node_keeps_the_member_online()
    {
        var (a, _) = Node("a");
        var (b, _) = Node("b");
        var (workspace, user) = (Guid.NewGuid(), Guid.NewGuid());
        a.Report(workspace, user, 1);
        b.Report(workspace, user, 1);
        a.Report(workspace, user, 0);
        await Task.Delay(Grace);
        await Settle();

        (await a.ClaimOfflineAsync(workspace, user, Grace)).ShouldBe(false);
    }

    [Fact]
    public async Task A_dead_nodes_count_does_not_keep_anyone_online()
    {
        var (a, _) = Node("a");
        var (dead, _) = Node("dead", alive: false);
        var (workspace, user) = (Guid.NewGuid(), Guid.NewGuid());
        dead.Report(workspace, user, 3);
        a.Report(workspace, user, 1);
        a.Report(workspace, user, 0);
        await Task.Delay(Grace);
        await Settle();

        (await a.ClaimOfflineAsync(workspace, user, Grace)).ShouldBe(true);
    }

    [Fact]
    public async Task Two_nodes_whose_timers_end_together_mark_offline_once()
    {
        var (a, _) = Node("a");
        var (b, _) = Node("b");
        var (workspace, user) = (Guid.NewGuid(), Guid.NewGuid());
        a.Report(workspace, user, 1);
        b.Report(workspace, user, 1);
        a.Report(workspace, user, 0);
        b.Report(workspace, user, 0);
        await Task.Delay(Grace);
        await Settle();

        var claims = await Task.WhenAll(a.ClaimOfflineAsync(workspace, user, Grace), b.ClaimOfflineAsync(workspace, user, Grace));
        claims.Count(c => c == true).ShouldBe(1);
        claims.Count(c => c == false).ShouldBe(1);
    }

    [Fact]
    public async Task A_socket_that_left_elsewhere_more_recently_restarts_the_grace_period()
    {
        var (a, _) = Node("a");
        var (b, _) = Node("b");
        var (workspace, user) = (Guid.NewGuid(), Guid.NewGuid());
        a.Report(workspace, user, 1);
        a.Report(workspace, user, 0);
        await Task.Delay(Grace * 0.8);
        b.Report(workspace, user, 1);
        b.Report(workspace, user, 0);
        await Task.Delay(Grace * 0.3);

        // A's grace is over, but the member's last socket (on B) left only 0.3 s ago: B's timer decides.
        (await a.ClaimOfflineAsync(workspace, user, Grace)).ShouldBe(false);
        await Task.Delay(Grace);
        (await b.ClaimOfflineAsync(workspace, user, Grace)).ShouldBe(true);
    }
}
