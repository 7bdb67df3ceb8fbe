using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Integration;

/// <summary>
/// <see cref="Socket.DeclineRecovery"/> (not in Node): a middleware that finds the restored session no longer
/// belongs to whoever presents it turns it into a fresh one — new id and pid, no old rooms, no old data, no
/// replay — while the connection itself is accepted. Here the middleware keeps a session only for the same "user"
/// of the CONNECT auth. On a fake clock; the recovery window is never waited out.
/// </summary>
public class DeclineRecoveryTests
{
    private static Task<TestServer> StartAsync(FakeTimeProvider time, List<Exception>? lateErrors = null) =>
        TestServer.StartAsync(o =>
        {
            o.TimeProvider = time;
            o.ConnectionStateRecovery = new ConnectionStateRecoveryOptions { MaxDisconnectionDuration = TimeSpan.FromMinutes(2), SkipMiddlewares = false };
        }, io =>
        {
            io.Use((socket, next) =>
            {
                var user = socket.Handshake.Auth.GetProperty("user").GetString();
                if (socket.Recovered && !Equals(socket.Data.GetValueOrDefault("user"), user)) socket.DeclineRecovery();
                socket.Data["user"] = user;
                return next();
            });
            io.OnConnection(async socket =>
            {
                try
                {
                    socket.DeclineRecovery();
                }
                catch (InvalidOperationException error)
                {
                    lock (lateErrors ?? []) lateErrors?.Add(error);
                }

                await Task.CompletedTask;
            });
        });

    private static (string Sid, string Pid) Ack(string connectAck)
    {
        var data = JsonDocument.Parse(connectAck[2..]).RootElement;
        return (data.GetProperty("sid").GetString()!, data.GetProperty("pid").GetString()!);
    }

    private static string OffsetOf(string frame) => JsonDocument.Parse(frame[2..]).RootElement.EnumerateArray().Last().GetString()!;

    private static string Connect(string user, string? pid = null, string? offset = null) =>
        "40" + JsonSerializer.Serialize(pid is null ? new Dictionary<string, string> { ["user"] = user }
            : new Dictionary<string, string> { ["user"] = user, ["pid"] = pid, ["offset"] = offset! });

    /// <summary>Connects as "alice", joins "secret", receives one event, is cut, and misses two more.</summary>
    private static async Task<(string Sid, string Pid, string Offset)> AliceAwayAsync(TestServer server)
    {
        var (ws, ack) = await RawWebSocket.ConnectSocketIOAsync(server, Connect("alice"));
        var (sid, pid) = Ack(ack);
        await server.IO.Sockets.Sockets[sid].JoinAsync("secret");
        await server.IO.To("secret").EmitAsync("s", 0);
        var offset = OffsetOf(await ws.ReceiveTextAsync());
        ws.Abort();
        await Eventually.TrueAsync(() => !server.IO.Sockets.Sockets.ContainsKey(sid), because: "the server to notice the cut");
        await server.IO.To("secret").EmitAsync("s", 1);
        await server.IO.To("secret").EmitAsync("s", 2);
        return (sid, pid, offset);
    }

    [Fact]
    public async Task A_declined_recovery_is_a_fresh_session_without_the_old_rooms_data_or_missed_events()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartAsync(time);
        var (sid, pid, offset) = await AliceAwayAsync(server);

        var (mallory, ack) = await RawWebSocket.ConnectSocketIOAsync(server, Connect("mallory", pid, offset));
        await using var _ = mallory;
        var fresh = Ack(ack);
        fresh.Sid.ShouldNotBe(sid);
        fresh.Pid.ShouldNotBe(pid);
        var socket = server.IO.Sockets.Sockets[fresh.Sid];
        socket.Recovered.ShouldBeFalse();
        socket.Rooms.ShouldBe(new HashSet<string> { fresh.Sid });
        socket.Data.ShouldBe(new Dictionary<string, object?> { ["user"] = "mallory" }, ignoreOrder: true);

        // Nothing of alice's was replayed, and her room's next event does not reach it: the first frame it
        // gets is the one sent to it directly.
        await server.IO.To("secret").EmitAsync("s", 3);
        await socket.EmitAsync("direct", "mallory");
        (await mallory.ReceiveTextAsync()).ShouldStartWith("42[\"direct\",\"mallory\",\"");
    }

    [Fact]
    public async Task A_declined_session_is_used_up_and_the_fresh_one_recovers_normally_later()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartAsync(time);
        var (sid, pid, offset) = await AliceAwayAsync(server);
        var (mallory, ack) = await RawWebSocket.ConnectSocketIOAsync(server, Connect("mallory", pid, offset));
        var fresh = Ack(ack);

        // Alice herself can no longer recover the session mallory's attempt consumed: she starts afresh too.
        var (alice, aliceAck) = await RawWebSocket.ConnectSocketIOAsync(server, Connect("alice", pid, offset));
        await using var _a = alice;
        Ack(aliceAck).Sid.ShouldNotBe(sid);
        server.IO.Sockets.Sockets[Ack(aliceAck).Sid].Rooms.ShouldNotContain("secret");

        // The fresh session is a session like any other: cut and back as the same user, it is recovered.
        await server.IO.Sockets.Sockets[fresh.Sid].JoinAsync("own");
        await server.IO.To("own").EmitAsync("o", 0);
        var seen = OffsetOf(await mallory.ReceiveTextAsync());
        mallory.Abort();
        await Eventually.TrueAsync(() => !server.IO.Sockets.Sockets.ContainsKey(fresh.Sid), because: "the server to notice the cut");
        await server.IO.To("own").EmitAsync("o", 1);
        var (back, backAck) = await RawWebSocket.ConnectSocketIOAsync(server, Connect("mallory", fresh.Pid, seen));
        await using var _b = back;
        Ack(backAck).ShouldBe(fresh);
        (await back.ReceiveTextAsync()).ShouldStartWith("42[\"o\",1,\"");
        server.IO.Sockets.Sockets[fresh.Sid].Recovered.ShouldBeTrue();
    }

    [Fact]
    public async Task A_kept_recovery_is_unchanged_and_declining_after_the_middlewares_is_refused()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var lateErrors = new List<Exception>();
        await using var server = await StartAsync(time, lateErrors);
        var (sid, pid, offset) = await AliceAwayAsync(server);

        var (alice, ack) = await RawWebSocket.ConnectSocketIOAsync(server, Connect("alice", pid, offset));
        await using var _ = alice;
        Ack(ack).ShouldBe((sid, pid));
        (await alice.ReceiveTextAsync()).ShouldStartWith("42[\"s\",1,\"");
        (await alice.ReceiveTextAsync()).ShouldStartWith("42[\"s\",2,\"");
        var socket = server.IO.Sockets.Sockets[sid];
        socket.Recovered.ShouldBeTrue();
        socket.Rooms.ShouldContain("secret");
        // A connection handler is too late to decline (the CONNECT answer is decided); it throws and changes nothing.
        await Eventually.TrueAsync(() => { lock (lateErrors) return lateErrors.Count >= 2; }, because: "both connection handlers to have run");
        socket.Id.ShouldBe(sid);
    }
}
