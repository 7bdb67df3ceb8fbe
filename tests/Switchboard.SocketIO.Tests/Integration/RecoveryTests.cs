using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Integration;

/// <summary>
/// Connection state recovery at the protocol level, as socket.io-client 4.6+ drives it: "pid" in the CONNECT answer,
/// the offset as last argument of each stored event, and a CONNECT with {pid, offset} after a cut. The recovery
/// window runs on a fake clock that the tests move, never on the wall clock.
/// </summary>
public class RecoveryTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(2);

    private static Task<TestServer> StartAsync(FakeTimeProvider time, bool skipMiddlewares = true, Action<SocketIOServer>? setup = null) =>
        TestServer.StartAsync(o =>
        {
            o.TimeProvider = time;
            o.ConnectionStateRecovery = new ConnectionStateRecoveryOptions { MaxDisconnectionDuration = Window, SkipMiddlewares = skipMiddlewares };
        }, setup);

    private static (string Sid, string? Pid) Ack(string connectAck)
    {
        var data = JsonDocument.Parse(connectAck[2..]).RootElement;
        return (data.GetProperty("sid").GetString()!, data.TryGetProperty("pid", out var pid) ? pid.GetString() : null);
    }

    /// <summary>The last argument of an event frame, the offset.</summary>
    private static string OffsetOf(string frame) => JsonDocument.Parse(frame[2..]).RootElement.EnumerateArray().Last().GetString()!;

    private static async Task CutAsync(TestServer server, RawWebSocket ws, string sid)
    {
        ws.Abort();
        await Eventually.TrueAsync(() => !server.IO.Sockets.Sockets.ContainsKey(sid), because: "the server to notice the cut");
    }

    private static string Reconnect(string pid, string offset) => $"40{{\"pid\":\"{pid}\",\"offset\":\"{offset}\"}}";

    [Fact]
    public async Task A_cut_socket_gets_its_id_rooms_and_every_missed_event_in_order_once()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartAsync(time);
        var (ws, ack) = await RawWebSocket.ConnectSocketIOAsync(server);
        var (sid, pid) = Ack(ack);
        pid.ShouldNotBeNull();
        await server.IO.Sockets.Sockets[sid].JoinAsync("news");

        await server.IO.To("news").EmitAsync("n", 0);
        var first = await ws.ReceiveTextAsync();
        first.ShouldStartWith("42[\"n\",0,\"");
        await CutAsync(server, ws, sid);

        for (var i = 1; i <= 3; i++)
        {
            await server.IO.To("news").EmitAsync("n", i);
        }

        await server.IO.To("elsewhere").EmitAsync("n", 99);
        time.Advance(Window - TimeSpan.FromSeconds(1));

        var (again, ack2) = await RawWebSocket.ConnectSocketIOAsync(server, Reconnect(pid, OffsetOf(first)));
        await using var _ = again;
        Ack(ack2).ShouldBe((sid, pid));
        for (var i = 1; i <= 3; i++)
        {
            (await again.ReceiveTextAsync()).ShouldStartWith($"42[\"n\",{i},\"");
        }

        var socket = server.IO.Sockets.Sockets[sid];
        socket.Recovered.ShouldBeTrue();
        socket.Rooms.ShouldBe(new HashSet<string> { sid, "news" }, ignoreOrder: true);
        await server.IO.To("news").EmitAsync("n", 4);
        (await again.ReceiveTextAsync()).ShouldStartWith("42[\"n\",4,\"");
    }

    [Fact]
    public async Task A_replayed_packet_that_the_node_delivers_live_afterwards_is_not_sent_again()
    {
        // In a cluster the node's stream reader can be behind the replay's read: it then delivers, live, packets
        // the replay already sent. The client must get each once, and what comes after as usual.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartAsync(time);
        var (ws, ack) = await RawWebSocket.ConnectSocketIOAsync(server);
        var (sid, pid) = Ack(ack);
        await server.IO.Sockets.Sockets[sid].JoinAsync("news");
        await server.IO.To("news").EmitAsync("n", 0);
        var first = await ws.ReceiveTextAsync();
        await CutAsync(server, ws, sid);
        await server.IO.To("news").EmitAsync("n", 1);
        await server.IO.To("news").EmitAsync("n", 2);

        var (again, _) = await RawWebSocket.ConnectSocketIOAsync(server, Reconnect(pid!, OffsetOf(first)));
        await using var __ = again;
        (await again.ReceiveTextAsync()).ShouldStartWith("42[\"n\",1,\"");
        (await again.ReceiveTextAsync()).ShouldStartWith("42[\"n\",2,\"");

        var adapter = (InMemoryAdapter)server.IO.Sockets.Adapter;
        var replayed = await adapter.GetPacketsAfterAsync(["news"], OffsetOf(first));
        var news = new BroadcastOptions(new HashSet<string> { "news" }, new HashSet<string>(), local: false);
        foreach (var late in replayed)
        {
            adapter.BroadcastLocal(late.Packet, news, late.Offset);
        }

        await server.IO.To("news").EmitAsync("n", 3);
        (await again.ReceiveTextAsync()).ShouldStartWith("42[\"n\",3,\"");
    }

    [Fact]
    public async Task After_the_window_or_with_an_unknown_offset_the_client_gets_a_fresh_session()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartAsync(time);
        var (ws, ack) = await RawWebSocket.ConnectSocketIOAsync(server);
        var (sid, pid) = Ack(ack);
        await server.IO.EmitAsync("n", 0);
        var offset = OffsetOf(await ws.ReceiveTextAsync());
        await CutAsync(server, ws, sid);

        var (wrong, wrongAck) = await RawWebSocket.ConnectSocketIOAsync(server, Reconnect(pid!, "nope-1"));
        await using var _w = wrong;
        Ack(wrongAck).Sid.ShouldNotBe(sid);

        // The failed attempt did not use the session up: the right offset still recovers it within the window.
        var (second, secondAck) = await RawWebSocket.ConnectSocketIOAsync(server, Reconnect(pid!, offset));
        Ack(secondAck).Sid.ShouldBe(sid);
        await CutAsync(server, second, sid);

        time.Advance(Window + TimeSpan.FromSeconds(1));
        var (late, lateAck) = await RawWebSocket.ConnectSocketIOAsync(server, Reconnect(pid!, offset));
        await using var _l = late;
        var fresh = Ack(lateAck);
        fresh.Sid.ShouldNotBe(sid);
        fresh.Pid.ShouldNotBe(pid);
        server.IO.Sockets.Sockets[fresh.Sid].Recovered.ShouldBeFalse();
    }

    [Fact]
    public async Task A_client_that_leaves_on_purpose_keeps_no_session()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartAsync(time);
        var (ws, ack) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var _ = ws;
        var (sid, pid) = Ack(ack);
        await server.IO.EmitAsync("n", 0);
        var offset = OffsetOf(await ws.ReceiveTextAsync());
        await ws.SendTextAsync("41");
        await Eventually.TrueAsync(() => !server.IO.Sockets.Sockets.ContainsKey(sid));

        var (again, ack2) = await RawWebSocket.ConnectSocketIOAsync(server, Reconnect(pid!, offset));
        await using var _a = again;
        Ack(ack2).Sid.ShouldNotBe(sid);
    }

    [Fact]
    public async Task Events_with_an_ack_carry_no_offset_and_are_not_replayed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartAsync(time);
        var (ws, ack) = await RawWebSocket.ConnectSocketIOAsync(server);
        var (sid, pid) = Ack(ack);
        var socket = server.IO.Sockets.Sockets[sid];
        await socket.EmitAsync("direct", 1);
        var first = await ws.ReceiveTextAsync();
        first.ShouldStartWith("42[\"direct\",1,\"");
        var asking = socket.EmitWithAckAsync("question", TimeSpan.FromSeconds(30), "?");
        (await ws.ReceiveTextAsync()).ShouldBe("420[\"question\",\"?\"]");
        await CutAsync(server, ws, sid);
        await Should.ThrowAsync<SocketDisconnectedException>(asking);

        var (again, ack2) = await RawWebSocket.ConnectSocketIOAsync(server, Reconnect(pid!, OffsetOf(first)));
        await using var _ = again;
        Ack(ack2).Sid.ShouldBe(sid);
        await server.IO.Sockets.Sockets[sid].EmitAsync("after", 2);
        (await again.ReceiveTextAsync()).ShouldStartWith("42[\"after\",2,\"");
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    public async Task Middlewares_run_again_on_recovery_only_without_SkipMiddlewares(bool skip, int runs)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var calls = 0;
        await using var server = await StartAsync(time, skip, io => io.Use((socket, next) =>
        {
            Interlocked.Increment(ref calls);
            socket.Data["seen"] = calls;
            return next();
        }));
        var (ws, ack) = await RawWebSocket.ConnectSocketIOAsync(server);
        var (sid, pid) = Ack(ack);
        await server.IO.EmitAsync("n", 0);
        var offset = OffsetOf(await ws.ReceiveTextAsync());
        await CutAsync(server, ws, sid);

        var (again, ack2) = await RawWebSocket.ConnectSocketIOAsync(server, Reconnect(pid!, offset));
        await using var _ = again;
        Ack(ack2).Sid.ShouldBe(sid);
        calls.ShouldBe(runs);
        server.IO.Sockets.Sockets[sid].Data["seen"].ShouldBe(runs, "restored data, or what the middleware set again");
    }

    [Fact]
    public async Task More_missed_packets_than_half_the_send_queue_give_a_fresh_session_instead_of_an_overflow()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(o =>
        {
            o.TimeProvider = time;
            o.MaxBufferedPackets = 16;
            o.ConnectionStateRecovery = new ConnectionStateRecoveryOptions();
        });
        var (ws, ack) = await RawWebSocket.ConnectSocketIOAsync(server);
        var (sid, pid) = Ack(ack);
        await server.IO.EmitAsync("n", 0);
        var offset = OffsetOf(await ws.ReceiveTextAsync());
        await CutAsync(server, ws, sid);
        for (var i = 1; i <= 8; i++)
        {
            await server.IO.EmitAsync("n", i);
        }

        // 8 missed fit (half of 16): recovered.
        var (again, ack2) = await RawWebSocket.ConnectSocketIOAsync(server, Reconnect(pid!, offset));
        Ack(ack2).Sid.ShouldBe(sid);
        var last = string.Empty;
        for (var i = 1; i <= 8; i++)
        {
            last = await again.ReceiveTextAsync();
            last.ShouldStartWith($"42[\"n\",{i},\"");
        }

        await CutAsync(server, again, sid);
        for (var i = 9; i <= 17; i++)
        {
            await server.IO.EmitAsync("n", i);
        }

        // 9 missed do not: a fresh session, and the connection stays up.
        var (late, ack3) = await RawWebSocket.ConnectSocketIOAsync(server, Reconnect(pid!, OffsetOf(last)));
        await using var _ = late;
        Ack(ack3).Sid.ShouldNotBe(sid);
    }

    [Fact]
    public async Task Without_recovery_the_wire_is_unchanged()
    {
        await using var server = await TestServer.StartAsync();
        var (ws, ack) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var _ = ws;
        Ack(ack).Pid.ShouldBeNull();
        await server.IO.EmitAsync("n", 0);
        (await ws.ReceiveTextAsync()).ShouldBe("42[\"n\",0]");
    }
}
