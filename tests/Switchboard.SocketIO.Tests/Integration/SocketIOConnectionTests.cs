using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Integration;

public class SocketIOConnectionTests
{
    [Fact]
    public async Task Connects_to_the_main_namespace_and_exposes_the_handshake()
    {
        var connected = new TaskCompletionSource<Socket>();
        await using var server = await TestServer.StartAsync(setup: io => io.OnConnection(s => connected.TrySetResult(s)));
        var (ws, ack) = await RawWebSocket.ConnectSocketIOAsync(server, "40{\"token\":\"123\"}");
        await using var _ = ws;

        ack.ShouldStartWith("40{\"sid\":\"");
        var socket = await connected.Task.WaitAsync(TimeSpan.FromSeconds(5));
        ack.ShouldBe($"40{{\"sid\":\"{socket.Id}\"}}");
        socket.Handshake.Auth.GetProperty("token").GetString().ShouldBe("123");
        socket.Handshake.Query["transport"].ToString().ShouldBe("websocket");
        socket.Handshake.Address.ShouldBe("127.0.0.1");
        socket.Transport.ShouldBe("websocket");
        socket.Rooms.ShouldBe([socket.Id]);
        server.IO.Sockets.Sockets.ContainsKey(socket.Id).ShouldBeTrue();
    }

    [Fact]
    public async Task Without_an_auth_payload_the_handshake_auth_is_an_empty_object()
    {
        var auth = new TaskCompletionSource<string>();
        await using var server = await TestServer.StartAsync(setup: io => io.OnConnection(s => auth.TrySetResult(s.Handshake.Auth.GetRawText())));
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = ws;
        (await auth.Task.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe("{}");
    }

    [Fact]
    public async Task Connects_to_a_custom_namespace_created_with_Of()
    {
        await using var server = await TestServer.StartAsync(setup: io => io.Of("/admin").OnConnection(s => s.EmitAsync("hello", "admin").AsTask()));
        var (ws, ack) = await RawWebSocket.ConnectSocketIOAsync(server, "40/admin,");
        await using var _ = ws;
        ack.ShouldStartWith("40/admin,{\"sid\":");
        (await ws.ReceiveTextAsync()).ShouldBe("42/admin,[\"hello\",\"admin\"]");
    }

    [Fact]
    public async Task An_unknown_namespace_is_refused_with_invalid_namespace()
    {
        await using var server = await TestServer.StartAsync();
        var (ws, answer) = await RawWebSocket.ConnectSocketIOAsync(server, "40/random,");
        await using var _ = ws;
        answer.ShouldBe("44/random,{\"message\":\"Invalid namespace\"}");
    }

    [Fact]
    public async Task A_failing_middleware_refuses_the_connection_with_message_and_data()
    {
        await using var server = await TestServer.StartAsync(setup: io => io.Use(async (socket, next) =>
        {
            await Task.Yield();
            if (socket.Handshake.Auth.TryGetProperty("token", out var token) && token.GetString() == "good")
            {
                socket.Data["user"] = 42;
                await next();
                return;
            }

            throw new SocketIOConnectionException("not authorized", new { code = "E_AUTH" });
        }));

        var (refused, answer) = await RawWebSocket.ConnectSocketIOAsync(server, "40{\"token\":\"bad\"}");
        await using var _ = refused;
        answer.ShouldBe("44{\"message\":\"not authorized\",\"data\":{\"code\":\"E_AUTH\"}}");

        var (accepted, ack) = await RawWebSocket.ConnectSocketIOAsync(server, "40{\"token\":\"good\"}");
        await using var __ = accepted;
        ack.ShouldStartWith("40{\"sid\"");
        var socket = (await server.IO.FetchSocketsAsync()).Single();
        socket.Data["user"].ShouldBe(42);
    }

    [Fact]
    public async Task A_middleware_that_does_not_call_next_refuses_the_connection()
    {
        await using var server = await TestServer.StartAsync(setup: io => io.Use((_, _) => Task.CompletedTask));
        var (ws, answer) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var _ = ws;
        answer.ShouldStartWith("44{\"message\":");
        server.IO.Sockets.Sockets.Count.ShouldBe(0);
    }

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(45);

    /// <summary>A server on a fake clock with its heartbeat far away: only the connect timeout can close a session.</summary>
    private static Task<TestServer> StartWithConnectTimeoutAsync(FakeTimeProvider time) => TestServer.StartAsync(o =>
    {
        o.TimeProvider = time;
        o.ConnectTimeout = ConnectTimeout;
        o.PingInterval = TimeSpan.FromHours(1);
    });

    [Fact]
    public async Task A_connection_without_connect_packet_is_closed_after_connectTimeout()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartWithConnectTimeoutAsync(time);
        await using var ws = await RawWebSocket.ConnectAsync(server.WebSocketUri("/socket.io/?EIO=4&transport=websocket"));
        var open = await ws.ReceiveTextAsync();
        using var doc = JsonDocument.Parse(open[1..]);
        var session = server.Session(doc.RootElement.GetProperty("sid").GetString()!).ShouldNotBeNull();

        time.Advance(ConnectTimeout - TimeSpan.FromMilliseconds(1));
        session.IsOpen.ShouldBeTrue();
        time.Advance(TimeSpan.FromMilliseconds(1));
        session.IsOpen.ShouldBeFalse();
        await ws.WaitForCloseAsync();
    }

    [Fact]
    public async Task A_polling_client_that_never_connects_gets_a_close_packet_after_connectTimeout()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartWithConnectTimeoutAsync(time);
        var sid = await server.OpenPollingSessionAsync();
        var session = server.Session(sid).ShouldNotBeNull();
        var poll = server.Http.GetStringAsync($"/socket.io/?EIO=4&transport=polling&sid={sid}");
        await server.PollParkedAsync(sid);

        time.Advance(ConnectTimeout - TimeSpan.FromMilliseconds(1));
        session.IsOpen.ShouldBeTrue();
        time.Advance(TimeSpan.FromMilliseconds(1));
        (await Eventually.WithinAsync(poll)).ShouldBe("1");
        (await server.Http.GetAsync($"/socket.io/?EIO=4&transport=polling&sid={sid}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("4abc")]
    [InlineData("42{}")]
    [InlineData("42abc[\"x\"]")]
    [InlineData("44{\"message\":\"x\"}")]
    [InlineData("49")]
    [InlineData("451-[\"a\",{\"_placeholder\":true,\"num\":3}]")]
    public async Task A_malformed_packet_closes_the_connection_with_parse_error(string packet)
    {
        var reasons = new ConcurrentQueue<string>();
        await using var server = await TestServer.StartAsync(setup: io => io.OnConnection(s => s.OnDisconnect(reasons.Enqueue)));
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = ws;
        await ws.SendTextAsync(packet);
        if (packet.StartsWith("45"))
        {
            await ws.SendBinaryAsync([1]);
        }

        await ws.WaitForCloseAsync();
        await Eventually.TrueAsync(() => reasons.Contains("parse error"));
    }

    [Fact]
    public async Task Binary_data_that_no_packet_announced_closes_the_connection()
    {
        await using var server = await TestServer.StartAsync();
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = ws;
        await ws.SendBinaryAsync([1, 2, 3]);
        await ws.WaitForCloseAsync();
    }

    [Fact]
    public async Task Client_namespace_disconnect_keeps_the_connection_for_other_namespaces()
    {
        var reason = new TaskCompletionSource<string>();
        await using var server = await TestServer.StartAsync(setup: io =>
        {
            io.Of("/custom").OnConnection(s => s.OnDisconnect(r => reason.TrySetResult(r)));
            io.OnConnection(s => s.On("message", e => s.EmitAsync("back", e.Args.ToArray()).AsTask()));
        });
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = ws;
        await ws.SendTextAsync("40/custom,");
        (await ws.ReceiveTextAsync()).ShouldStartWith("40/custom,");
        await ws.SendTextAsync("41/custom,");
        (await reason.Task.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe("client namespace disconnect");

        await ws.SendTextAsync("42[\"message\",1]");
        (await ws.ReceiveTextAsync()).ShouldBe("42[\"back\",1]");
    }

    [Fact]
    public async Task Server_disconnect_sends_a_disconnect_packet_and_reports_server_namespace_disconnect()
    {
        var reason = new TaskCompletionSource<string>();
        await using var server = await TestServer.StartAsync(setup: io => io.OnConnection(s =>
        {
            s.OnDisconnect(r => reason.TrySetResult(r));
            s.On("bye", _ => s.DisconnectAsync().AsTask());
        }));
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = ws;
        await ws.SendTextAsync("42[\"bye\"]");
        (await ws.ReceiveTextAsync()).ShouldBe("41");
        (await reason.Task.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe("server namespace disconnect");
        ws.State.ShouldBe(System.Net.WebSockets.WebSocketState.Open);
    }

    [Fact]
    public async Task Server_disconnect_with_close_also_closes_the_connection()
    {
        await using var server = await TestServer.StartAsync(setup: io => io.OnConnection(s => s.On("bye", _ => s.DisconnectAsync(close: true).AsTask())));
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = ws;
        await ws.SendTextAsync("42[\"bye\"]");
        (await ws.ReceiveTextAsync()).ShouldBe("41");
        await ws.WaitForCloseAsync();
    }

    [Fact]
    public async Task Transport_close_and_ping_timeout_are_reported()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var reasons = new ConcurrentQueue<string>();
        await using var server = await TestServer.StartAsync(o =>
        {
            o.TimeProvider = time;
            o.PingInterval = TimeSpan.FromSeconds(25);
            o.PingTimeout = TimeSpan.FromSeconds(20);
        }, io => io.OnConnection(s => s.OnDisconnect(reasons.Enqueue)));

        var (closing, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await closing.DisposeAsync();
        await Eventually.TrueAsync(() => reasons.Contains("transport close"));

        var (silent, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = silent;
        time.Advance(TimeSpan.FromSeconds(25));
        (await silent.ReceiveTextAsync()).ShouldBe("2");
        time.Advance(TimeSpan.FromSeconds(20));
        await Eventually.TrueAsync(() => reasons.Contains("ping timeout"));
    }

    [Fact]
    public async Task Stopping_the_server_reports_server_shutting_down()
    {
        var reason = new TaskCompletionSource<string>();
        var server = await TestServer.StartAsync(setup: io => io.OnConnection(s => s.OnDisconnect(r => reason.TrySetResult(r))));
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = ws;
        await server.DisposeAsync();
        (await reason.Task.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe("server shutting down");
    }

    [Fact]
    public async Task Works_over_long_polling_including_binary_as_base64()
    {
        var received = new TaskCompletionSource<SocketIOArgs>();
        await using var server = await TestServer.StartAsync(setup: io => io.OnConnection(s => s.On("up", e =>
        {
            received.TrySetResult(e.Args);
            return s.EmitAsync("down", "ok", new byte[] { 9, 8 }).AsTask();
        })));
        var sid = await server.OpenPollingSessionAsync();
        var url = $"/socket.io/?EIO=4&transport=polling&sid={sid}";
        await server.Http.PostAsync(url, new StringContent("40"));
        (await server.Http.GetStringAsync(url)).ShouldStartWith("40{\"sid\"");

        await server.Http.PostAsync(url, new StringContent("451-[\"up\",{\"_placeholder\":true,\"num\":0}]\u001ebAQID"));
        var args = await received.Task.WaitAsync(TimeSpan.FromSeconds(5));
        args.GetBytes(0).ShouldBe(new byte[] { 1, 2, 3 });
        (await server.Http.GetStringAsync(url)).ShouldBe("451-[\"down\",\"ok\",{\"_placeholder\":true,\"num\":0}]\u001ebCQg=");
    }
}
