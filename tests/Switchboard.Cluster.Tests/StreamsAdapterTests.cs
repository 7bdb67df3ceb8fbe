using System.Text;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using StackExchange.Redis;
using Switchboard.SocketIO;
using Switchboard.SocketIO.Redis;
using Xunit;

namespace Switchboard.Cluster.Tests;

/// <summary>
/// Two Socket.IO servers (no HTTP: adapters only) on one real Redis (SWITCHBOARD_TEST_REDIS) and a private stream:
/// a session kept by one node is restored by the other with the broadcasts it missed, server-side emits are
/// answered across nodes, and without Redis every call degrades instead of throwing.
/// </summary>
public sealed class StreamsAdapterTests : IAsyncLifetime
{
    private readonly string _stream = $"test-{Guid.NewGuid():N}";
    private readonly List<IDisposable> _disposables = [];
    private ConnectionMultiplexer? _redis;

    public async ValueTask InitializeAsync()
    {
        var address = Environment.GetEnvironmentVariable("SWITCHBOARD_TEST_REDIS");
        if (string.IsNullOrEmpty(address)) return;
        _redis = await RedisConnection.ConnectAsync(address);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var d in _disposables) d.Dispose();
        if (_redis is null) return;
        await _redis.GetDatabase().KeyDeleteAsync(_stream);
        var server = _redis.GetServers()[0];
        await foreach (var key in server.KeysAsync(pattern: $"{_stream}:*")) await _redis.GetDatabase().KeyDeleteAsync(key);
        await _redis.DisposeAsync();
    }

    private SocketIOServer Node(IConnectionMultiplexer? redis = null)
    {
        if (_redis is null) Assert.Skip("SWITCHBOARD_TEST_REDIS is not set (scripts/test sets it)");
        var options = new SocketIOOptions
        {
            TimeProvider = new FakeTimeProvider(DateTimeOffset.UtcNow),
            ConnectionStateRecovery = new ConnectionStateRecoveryOptions(),
        };
        var factory = new RedisStreamsAdapterFactory(redis ?? _redis, new RedisStreamsAdapterOptions
        {
            StreamName = _stream,
            ChannelPrefix = _stream,
            SessionKeyPrefix = $"{_stream}:session:",
        });
        _disposables.Add(factory);
        return new SocketIOServer(options, factory);
    }

    private async Task<IConnectionMultiplexer> Connection()
    {
        if (_redis is null) Assert.Skip("SWITCHBOARD_TEST_REDIS is not set (scripts/test sets it)");
        var connection = await RedisConnection.ConnectAsync(Environment.GetEnvironmentVariable("SWITCHBOARD_TEST_REDIS")!);
        _disposables.Add(connection);
        return connection;
    }

    private static string Text(StoredPacket p) => Encoding.UTF8.GetString(p.Packet.Data.Span);

    [Fact]
    public async Task A_session_kept_by_one_node_is_restored_by_another_with_what_its_rooms_missed_in_order()
    {
        var a = Node();
        var b = Node();
        await a.To("room").EmitAsync("n", 0);
        var offset = (string)(await _redis!.GetDatabase().StreamRangeAsync(_stream, "-", "+"))[^1].Id!;

        a.Sockets.Adapter.PersistSession(new SocketSession("sid1", "pid1", ["sid1", "room"], new Dictionary<string, object?> { ["user"] = 7 }));
        await a.To("room").EmitAsync("n", 1);
        await b.To("other").EmitAsync("n", 99);
        await b.To("room").Except("sid1").EmitAsync("n", 98);
        await b.EmitAsync("n", 2);

        var restored = await b.Sockets.Adapter.RestoreSessionAsync("pid1", offset);
        restored.ShouldNotBeNull();
        restored.Session.Sid.ShouldBe("sid1");
        restored.Session.Rooms.ShouldBe(["sid1", "room"], ignoreOrder: true);
        ((System.Text.Json.JsonElement)restored.Session.Data["user"]!).GetInt32().ShouldBe(7);
        restored.MissedPackets.Select(Text).ShouldBe(
            restored.MissedPackets.Select((p, i) => $"42[\"n\",{(i == 0 ? 1 : 2)},\"{p.Offset}\"]"));
        restored.MissedPackets.Count.ShouldBe(2);

        (await b.Sockets.Adapter.RestoreSessionAsync("pid1", offset)).ShouldBeNull("a session is restored once");
        (await a.Sockets.Adapter.GetPacketsAfterAsync(["sid1", "room"], restored.MissedPackets[0].Offset)).Select(p => p.Offset)
            .ShouldBe([restored.MissedPackets[1].Offset]);
    }

    [Fact]
    public async Task AllRooms_is_refused_in_words_rather_than_answered_with_one_node()
    {
        var a = Node();
        var error = await Should.ThrowAsync<NotSupportedException>(async () => await a.Sockets.AllRoomsAsync());
        error.Message.ShouldContain("cannot list the rooms of every node");
    }

    [Fact]
    public async Task Server_side_emits_are_answered_by_the_other_nodes()
    {
        // A connection each, as separate processes have: the number of servers is the channel's subscriber count.
        var a = Node(await Connection());
        var b = Node(await Connection());
        b.OnServerSideEmit(async e => await e.AckAsync($"b got {e.Name} {e.Args.Get<int>(0)}"));
        await ((RedisStreamsAdapter)a.Sockets.Adapter).Subscribed;
        await ((RedisStreamsAdapter)b.Sockets.Adapter).Subscribed;

        var answers = await a.ServerSideEmitWithAckAsync("hello", TimeSpan.FromSeconds(5), 5);
        answers.Select(x => x.GetString()).ShouldBe(["b got hello 5"]);
        (await a.FetchClusterSocketsAsync(TimeSpan.FromSeconds(5))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_Redis_broadcasts_stay_local_and_recovery_says_no_session_without_throwing()
    {
        var nowhere = await RedisConnection.ConnectAsync("127.0.0.1:1,connectTimeout=200");
        _disposables.Add(nowhere);
        var a = Node(nowhere);
        await a.EmitAsync("n", 1);
        ((RedisStreamsAdapter)a.Sockets.Adapter).Dropped.ShouldBe(1);
        a.Sockets.Adapter.PersistSession(new SocketSession("s", "p", ["s"], new Dictionary<string, object?>()));
        (await a.Sockets.Adapter.RestoreSessionAsync("p", "1-0")).ShouldBeNull();
        (await a.ServerSideEmitWithAckAsync("x", TimeSpan.FromSeconds(1))).ShouldBeEmpty();
    }
}
