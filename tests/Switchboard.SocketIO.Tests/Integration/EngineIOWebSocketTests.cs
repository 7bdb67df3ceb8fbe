using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Time.Testing;
using Switchboard.SocketIO.EngineIO;
using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Integration;

public class EngineIOWebSocketTests
{
    [Fact]
    public async Task Echoes_text_and_binary_frames()
    {
        await using var server = await TestServer.StartAsync();
        await using var ws = await RawWebSocket.ConnectAsync(server.WebSocketUri("/engine.io/?EIO=4&transport=websocket"));
        await ws.ReceiveTextAsync();
        await ws.SendTextAsync("4hello €");
        (await ws.ReceiveTextAsync()).ShouldBe("4hello €");
        await ws.SendBinaryAsync([1, 2, 3, 4]);
        (await ws.ReceiveBinaryAsync()).ShouldBe(new byte[] { 1, 2, 3, 4 });
    }

    [Fact]
    public async Task Upgrades_a_polling_session_and_ends_the_pending_poll_with_a_noop()
    {
        await using var server = await TestServer.StartAsync();
        var sid = await server.OpenPollingSessionAsync("/engine.io/");
        var pendingPoll = server.Http.GetStringAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}");
        await server.PollParkedAsync(sid);

        await using var ws = await RawWebSocket.ConnectAsync(server.WebSocketUri($"/engine.io/?EIO=4&transport=websocket&sid={sid}"));
        await ws.SendTextAsync("2probe");
        (await ws.ReceiveTextAsync()).ShouldBe("3probe");
        (await pendingPoll.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe("6");

        await ws.SendTextAsync("5");
        await ws.SendTextAsync("4after upgrade");
        (await ws.ReceiveTextAsync()).ShouldBe("4after upgrade");

        var poll = await server.Http.GetAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}");
        poll.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await poll.Content.ReadAsStringAsync()).ShouldBe("{\"code\":3,\"message\":\"Bad request\"}");

        // A second WebSocket for the same session is closed at once.
        await using var second = await RawWebSocket.ConnectAsync(server.WebSocketUri($"/engine.io/?EIO=4&transport=websocket&sid={sid}"));
        await second.WaitForCloseAsync();
        await ws.SendTextAsync("4still alive");
        (await ws.ReceiveTextAsync()).ShouldBe("4still alive");
    }

    [Fact]
    public async Task Messages_queued_during_the_upgrade_are_delivered_on_the_websocket()
    {
        await using var server = await TestServer.StartAsync();
        var sid = await server.OpenPollingSessionAsync("/engine.io/");
        await using var ws = await RawWebSocket.ConnectAsync(server.WebSocketUri($"/engine.io/?EIO=4&transport=websocket&sid={sid}"));
        await ws.SendTextAsync("2probe");
        (await ws.ReceiveTextAsync()).ShouldBe("3probe");
        await server.Http.PostAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}", new StringContent("4queued"));
        await ws.SendTextAsync("5");
        (await ws.ReceiveTextAsync()).ShouldBe("4queued");
    }

    [Fact]
    public async Task A_malformed_frame_closes_the_connection()
    {
        await using var server = await TestServer.StartAsync();
        await using var ws = await RawWebSocket.ConnectAsync(server.WebSocketUri("/engine.io/?EIO=4&transport=websocket"));
        await ws.ReceiveTextAsync();
        await ws.SendTextAsync("abc");
        await ws.WaitForCloseAsync();
    }

    [Fact]
    public async Task A_close_packet_closes_the_connection()
    {
        await using var server = await TestServer.StartAsync();
        await using var ws = await RawWebSocket.ConnectAsync(server.WebSocketUri("/engine.io/?EIO=4&transport=websocket"));
        await ws.ReceiveTextAsync();
        await ws.SendTextAsync("1");
        await ws.WaitForCloseAsync();
    }

    [Fact]
    public async Task A_message_above_maxPayload_closes_the_connection()
    {
        await using var server = await TestServer.StartAsync(configureEngine: o => o.MaxHttpBufferSize = 1000);
        await using var ws = await RawWebSocket.ConnectAsync(server.WebSocketUri("/engine.io/?EIO=4&transport=websocket"));
        await ws.ReceiveTextAsync();
        await ws.SendTextAsync("4" + new string('x', 5000));
        await ws.WaitForCloseAsync();
    }

    [Fact]
    public async Task Pings_are_sent_and_a_missing_pong_closes_the_connection()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var interval = TimeSpan.FromSeconds(25);
        var timeout = TimeSpan.FromSeconds(20);
        await using var server = await TestServer.StartAsync(configureEngine: o =>
        {
            o.TimeProvider = time;
            o.PingInterval = interval;
            o.PingTimeout = timeout;
        });
        await using var ws = await RawWebSocket.ConnectAsync(server.WebSocketUri("/engine.io/?EIO=4&transport=websocket"));
        var sid = SidOf(await ws.ReceiveTextAsync());
        var session = server.Session(sid).ShouldNotBeNull();

        time.Advance(interval);
        (await ws.ReceiveTextAsync()).ShouldBe("2");
        await ws.SendTextAsync("3");
        // A session's packets are handled in order: once the echo is back, so is the pong, and the next
        // ping is due one interval from now.
        await ws.SendTextAsync("4handled");
        (await ws.ReceiveTextAsync()).ShouldBe("4handled");
        time.Advance(interval);
        (await ws.ReceiveTextAsync()).ShouldBe("2");

        time.Advance(timeout - TimeSpan.FromMilliseconds(1));
        session.IsOpen.ShouldBeTrue();
        time.Advance(TimeSpan.FromMilliseconds(1));
        session.CloseReason.ShouldBe(EngineIOCloseReason.PingTimeout);
        await ws.WaitForCloseAsync();
        ws.State.ShouldNotBe(WebSocketState.Open);
    }

    private static string SidOf(string openPacket)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(openPacket[1..]);
        return doc.RootElement.GetProperty("sid").GetString()!;
    }
}
