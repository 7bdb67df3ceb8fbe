using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Integration;

/// <summary>
/// Volatile emits (Node: <c>io.volatile.emit</c>, <c>socket.volatile.emit</c>): sent where the connection can take
/// them at once, dropped where it cannot (a long-polling client between two requests), and never kept for
/// connection state recovery. Clocks are fake: no heartbeat packet gets in between.
/// </summary>
public class VolatileTests
{
    private static Task<TestServer> StartAsync(FakeTimeProvider time) =>
        TestServer.StartAsync(
            o =>
            {
                o.TimeProvider = time;
                o.ConnectionStateRecovery = new ConnectionStateRecoveryOptions { MaxDisconnectionDuration = TimeSpan.FromMinutes(2) };
            },
            configureEngine: o => o.TimeProvider = time);

    private static string Poll(string sid) => $"/socket.io/?EIO=4&transport=polling&sid={sid}";

    [Fact]
    public async Task A_websocket_client_with_nothing_waiting_gets_a_volatile_packet_without_an_offset()
    {
        await using var server = await StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow));
        var (ws, ack) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var _ = ws;
        var sid = JsonDocument.Parse(ack[2..]).RootElement.GetProperty("sid").GetString()!;

        await server.IO.Volatile.EmitAsync("typing", 1);
        (await ws.ReceiveTextAsync()).ShouldBe("42[\"typing\",1]");
        await server.IO.Sockets.Sockets[sid].Volatile.EmitAsync("typing", 2);
        (await ws.ReceiveTextAsync()).ShouldBe("42[\"typing\",2]");
        // A normal broadcast still carries its recovery offset.
        await server.IO.EmitAsync("saved", 3);
        (await ws.ReceiveTextAsync()).ShouldStartWith("42[\"saved\",3,\"");
    }

    [Fact]
    public async Task A_long_polling_client_between_two_requests_misses_a_volatile_packet_but_gets_the_next_normal_one()
    {
        await using var server = await StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow));
        var sid = await server.OpenPollingSessionAsync("/socket.io/");
        await server.Http.PostAsync(Poll(sid), new StringContent("40"));
        (await server.Http.GetStringAsync(Poll(sid))).ShouldStartWith("40{\"sid\":");

        // No GET is open: the volatile packet cannot leave now, so it is dropped; the normal one waits for the poll.
        await server.IO.Volatile.EmitAsync("typing", 1);
        await server.IO.EmitAsync("saved", 2);
        var polled = await server.Http.GetStringAsync(Poll(sid));
        polled.ShouldStartWith("42[\"saved\",2,\"");
        polled.ShouldNotContain("typing");

        // A GET held open: the volatile packet leaves at once, in it.
        var open = server.Http.GetStringAsync(Poll(sid));
        await server.PollParkedAsync(sid);
        await server.IO.Volatile.EmitAsync("typing", 3);
        (await Eventually.WithinAsync(open)).ShouldBe("42[\"typing\",3]");
    }

    [Fact]
    public async Task A_recovered_session_gets_the_normal_packets_it_missed_and_none_of_the_volatile_ones()
    {
        await using var server = await StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow));
        var (ws, ack) = await RawWebSocket.ConnectSocketIOAsync(server);
        var data = JsonDocument.Parse(ack[2..]).RootElement;
        var (sid, pid) = (data.GetProperty("sid").GetString()!, data.GetProperty("pid").GetString()!);
        await server.IO.EmitAsync("saved", 0);
        var first = await ws.ReceiveTextAsync();
        var offset = JsonDocument.Parse(first[2..]).RootElement.EnumerateArray().Last().GetString()!;
        ws.Abort();
        await Eventually.TrueAsync(() => !server.IO.Sockets.Sockets.ContainsKey(sid), because: "the server to notice the cut");

        await server.IO.Volatile.EmitAsync("typing", 1);
        await server.IO.EmitAsync("saved", 2);
        var (again, _) = await RawWebSocket.ConnectSocketIOAsync(server, $"40{{\"pid\":\"{pid}\",\"offset\":\"{offset}\"}}");
        await using var __ = again;
        (await again.ReceiveTextAsync()).ShouldStartWith("42[\"saved\",2,\"");
        await server.IO.EmitAsync("saved", 3);
        (await again.ReceiveTextAsync()).ShouldStartWith("42[\"saved\",3,\"");
    }
}
