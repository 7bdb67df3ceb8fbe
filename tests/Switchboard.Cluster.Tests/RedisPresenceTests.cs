using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using StackExchange.Redis;
using Switchboard.SocketIO.Redis;
using Xunit;

namespace Switchboard.Cluster.Tests;

/// <summary>
/// The presence scripts against a real Redis (SWITCHBOARD_TEST_REDIS, which scripts/test starts): a socket on
/// a live node keeps the member online, a dead node's count does not, and one node claims each offline. Every
/// node of a test shares one fake clock, which the test moves past the grace instead of sleeping through it.
/// </summary>
public sealed class RedisPresenceTests : IAsyncLifetime
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(60);

    /// <summary>What a claim allows for clocks that differ (RedisPresence: up to a second).</summary>
    private static readonly TimeSpan Allowance = TimeSpan.FromSeconds(1);

    private readonly string _prefix = $"test-{Guid.NewGuid():N}";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
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

    private RedisPresence Node(string id, bool alive = true)
    {
        if (_redis is null) Assert.Skip("SWITCHBOARD_TEST_REDIS is not set (scripts/test sets it)");
        var options = new ClusterOptions { RedisConfiguration = "set", Prefix = _prefix, NodeId = id };
        var presence = new RedisPresence(_redis, options, _time, NullLogger<RedisPresence>.Instance);
        if (alive) _redis.GetDatabase().StringSet(presence.NodeKey(id), "alive", TimeSpan.FromMinutes(1));
        return presence;
    }

    private string Now => _time.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Reports are fire-and-forget: waits until the member's hash in Redis is exactly what they wrote (the
    /// last leave stamped with the fake clock's time). The bound only stops a broken test from hanging.
    /// </summary>
    private async Task ReportedAsync(RedisPresence node, Guid workspace, Guid user, params (string Field, string Value)[] expected)
    {
        var key = node.MemberKey(workspace, user);
        var want = expected.OrderBy(e => e.Field, StringComparer.Ordinal).Select(e => $"{e.Field}={e.Value}").ToArray();
        var seen = Array.Empty<string>();
        try
        {
            await Switchboard.Tests.Email.Polling.UntilAsync(async () =>
            {
                seen = (await _redis!.GetDatabase().HashGetAllAsync(key))
                    .Select(e => $"{e.Name}={e.Value}").OrderBy(e => e, StringComparer.Ordinal).ToArray();
                return seen.SequenceEqual(want);
            }, "the reports in Redis", TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // Shown below, with what was there instead.
        }

        seen.ShouldBe(want, "the reports in Redis");
    }

    [Fact]
    public async Task A_socket_on_another_live_node_keeps_the_member_online()
    {
        var a = Node("a");
        var b = Node("b");
        var (workspace, user) = (Guid.NewGuid(), Guid.NewGuid());
        a.Report(workspace, user, 1);
        b.Report(workspace, user, 1);
        a.Report(workspace, user, 0);
        await ReportedAsync(a, workspace, user, ("b", "1"), ("~left", Now));
        _time.Advance(Grace);

        (await a.ClaimOfflineAsync(workspace, user, Grace)).ShouldBe(false);
    }

    [Fact]
    public async Task A_dead_nodes_count_does_not_keep_anyone_online()
    {
        var a = Node("a");
        var dead = Node("dead", alive: false);
        var (workspace, user) = (Guid.NewGuid(), Guid.NewGuid());
        dead.Report(workspace, user, 3);
        a.Report(workspace, user, 1);
        a.Report(workspace, user, 0);
        await ReportedAsync(a, workspace, user, ("dead", "3"), ("~left", Now));
        _time.Advance(Grace);

        (await a.ClaimOfflineAsync(workspace, user, Grace)).ShouldBe(true);
    }

    [Fact]
    public async Task Two_nodes_whose_timers_end_together_mark_offline_once()
    {
        var a = Node("a");
        var b = Node("b");
        var (workspace, user) = (Guid.NewGuid(), Guid.NewGuid());
        a.Report(workspace, user, 1);
        b.Report(workspace, user, 1);
        a.Report(workspace, user, 0);
        b.Report(workspace, user, 0);
        await ReportedAsync(a, workspace, user, ("~left", Now));
        _time.Advance(Grace);

        var claims = await Task.WhenAll(a.ClaimOfflineAsync(workspace, user, Grace), b.ClaimOfflineAsync(workspace, user, Grace));
        claims.Count(c => c == true).ShouldBe(1);
        claims.Count(c => c == false).ShouldBe(1);
    }

    [Fact]
    public async Task A_socket_that_left_elsewhere_more_recently_restarts_the_grace_period()
    {
        var a = Node("a");
        var b = Node("b");
        var (workspace, user) = (Guid.NewGuid(), Guid.NewGuid());
        a.Report(workspace, user, 1);
        a.Report(workspace, user, 0);
        await ReportedAsync(a, workspace, user, ("~left", Now));
        _time.Advance(Grace * 0.8);
        b.Report(workspace, user, 1);
        b.Report(workspace, user, 0);
        await ReportedAsync(b, workspace, user, ("~left", Now));
        _time.Advance(Grace * 0.2);

        // A's grace is over, but the member's last socket (on B) left only a fifth of the grace ago: B's timer decides.
        (await a.ClaimOfflineAsync(workspace, user, Grace)).ShouldBe(false);
        _time.Advance(Grace * 0.8);
        (await b.ClaimOfflineAsync(workspace, user, Grace)).ShouldBe(true);
    }

    [Fact]
    public async Task The_grace_counts_from_the_last_leave_with_a_seconds_allowance_for_clocks()
    {
        var a = Node("a");
        var (workspace, user) = (Guid.NewGuid(), Guid.NewGuid());
        a.Report(workspace, user, 1);
        a.Report(workspace, user, 0);
        await ReportedAsync(a, workspace, user, ("~left", Now));

        _time.Advance(Grace - Allowance - TimeSpan.FromMilliseconds(1));
        (await a.ClaimOfflineAsync(workspace, user, Grace)).ShouldBe(false);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        (await a.ClaimOfflineAsync(workspace, user, Grace)).ShouldBe(true);
    }

    [Fact]
    public async Task A_claim_holds_for_one_grace_period_so_a_later_disconnect_is_claimed_again()
    {
        var a = Node("a");
        var b = Node("b");
        var (workspace, user) = (Guid.NewGuid(), Guid.NewGuid());
        a.Report(workspace, user, 1);
        a.Report(workspace, user, 0);
        await ReportedAsync(a, workspace, user, ("~left", Now));
        _time.Advance(Grace);
        (await a.ClaimOfflineAsync(workspace, user, Grace)).ShouldBe(true);
        (await b.ClaimOfflineAsync(workspace, user, Grace)).ShouldBe(false);

        // The member comes back and leaves again; a grace later the offline is claimed anew (on this clock,
        // whatever Redis' own expiry of the old claim says).
        a.Report(workspace, user, 1);
        a.Report(workspace, user, 0);
        await ReportedAsync(a, workspace, user, ("~left", Now));
        _time.Advance(Grace);
        (await a.ClaimOfflineAsync(workspace, user, Grace)).ShouldBe(true);
    }
}
