using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Integration;

/// <summary>
/// What one client may make the server hold for one packet: at most MaxAttachments attachments, at most
/// maxPayload bytes with them, and nothing at all before it has connected to the packet's namespace.
/// </summary>
public class PacketLimitsTests
{
    /// <summary>An Engine.IO message carrying a BINARY_EVENT "up" that announces <paramref name="count"/> attachments.</summary>
    private static string BinaryHeader(int count, string nsp = "")
    {
        var placeholders = string.Join(",", Enumerable.Range(0, count).Select(i => $"{{\"_placeholder\":true,\"num\":{i}}}"));
        return $"45{count}-{(nsp.Length > 0 ? nsp + "," : "")}[\"up\",{placeholders}]";
    }

    private static Task<TestServer> StartAsync(ConcurrentQueue<string> reasons, TaskCompletionSource<SocketIOArgs> received, Action<SocketIOOptions>? configure = null) =>
        TestServer.StartAsync(configure, io => io.OnConnection(s =>
        {
            s.OnDisconnect(reasons.Enqueue);
            s.On("up", e => received.TrySetResult(e.Args));
        }));

    [Fact]
    public async Task Ten_attachments_are_accepted_and_an_eleventh_is_refused_before_any_is_read()
    {
        var reasons = new ConcurrentQueue<string>();
        var received = new TaskCompletionSource<SocketIOArgs>();
        await using var server = await StartAsync(reasons, received);

        var (ten, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = ten;
        await ten.SendTextAsync(BinaryHeader(10));
        for (var i = 0; i < 10; i++)
        {
            await ten.SendBinaryAsync([(byte)i]);
        }

        var args = await received.Task.WaitAsync(TimeSpan.FromSeconds(5));
        args.Count.ShouldBe(10);
        args.GetBytes(9).ShouldBe(new byte[] { 9 });

        var (eleven, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var ___ = eleven;
        await eleven.SendTextAsync(BinaryHeader(11));
        await eleven.WaitForCloseAsync();
        await Eventually.TrueAsync(() => reasons.Contains("parse error"));
    }

    [Fact]
    public async Task MaxAttachments_is_an_option()
    {
        var reasons = new ConcurrentQueue<string>();
        await using var server = await StartAsync(reasons, new TaskCompletionSource<SocketIOArgs>(), o => o.MaxAttachments = 2);
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = ws;
        await ws.SendTextAsync(BinaryHeader(3));
        await ws.WaitForCloseAsync();
        await Eventually.TrueAsync(() => reasons.Contains("parse error"));
    }

    [Fact]
    public async Task A_binary_event_before_connect_closes_the_connection()
    {
        await using var server = await TestServer.StartAsync();
        await using var ws = await RawWebSocket.ConnectAsync(server.WebSocketUri("/socket.io/?EIO=4&transport=websocket"));
        (await ws.ReceiveTextAsync()).ShouldStartWith("0{");
        await ws.SendTextAsync(BinaryHeader(10));
        await ws.WaitForCloseAsync();
        server.IO.Engine.ClientsCount.ShouldBe(0);
    }

    [Fact]
    public async Task A_binary_event_for_a_namespace_not_connected_closes_the_connection()
    {
        await using var server = await TestServer.StartAsync(setup: io => io.Of("/admin"));
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = ws;
        await ws.SendTextAsync(BinaryHeader(1, "/admin"));
        await ws.WaitForCloseAsync();
    }

    [Fact]
    public async Task A_binary_event_before_connect_over_polling_ends_the_session()
    {
        await using var server = await TestServer.StartAsync();
        var sid = await server.OpenPollingSessionAsync();
        var url = $"/socket.io/?EIO=4&transport=polling&sid={sid}";
        await server.Http.PostAsync(url, new StringContent(BinaryHeader(1) + "\u001ebAQID"));
        (await server.Http.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        server.IO.Engine.ClientsCount.ShouldBe(0);
    }

    [Fact]
    public async Task Attachments_adding_up_to_more_than_maxPayload_close_the_websocket_with_1009()
    {
        var reasons = new ConcurrentQueue<string>();
        var received = new TaskCompletionSource<SocketIOArgs>();
        await using var server = await StartAsync(reasons, received, o => o.MaxHttpBufferSize = 10_000);
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = ws;

        // Header and attachments within 10,000 bytes: delivered.
        await ws.SendTextAsync(BinaryHeader(2));
        await ws.SendBinaryAsync(new byte[4500]);
        await ws.SendBinaryAsync(new byte[4500]);
        (await received.Task.WaitAsync(TimeSpan.FromSeconds(5))).Count.ShouldBe(2);

        // Each message is under maxPayload, the packet is not.
        await ws.SendTextAsync(BinaryHeader(3));
        await ws.SendBinaryAsync(new byte[4500]);
        await ws.SendBinaryAsync(new byte[4500]);
        await ws.SendBinaryAsync(new byte[4500]);
        await ws.WaitForCloseAsync();
        ws.CloseStatus.ShouldBe(WebSocketCloseStatus.MessageTooBig);
        await Eventually.TrueAsync(() => reasons.Contains("transport error"));
    }

    [Fact]
    public async Task Over_polling_attachments_count_across_posts_and_the_post_that_exceeds_maxPayload_gets_413()
    {
        var reasons = new ConcurrentQueue<string>();
        await using var server = await StartAsync(reasons, new TaskCompletionSource<SocketIOArgs>(), o => o.MaxHttpBufferSize = 10_000);
        var sid = await server.OpenPollingSessionAsync();
        var url = $"/socket.io/?EIO=4&transport=polling&sid={sid}";
        await server.Http.PostAsync(url, new StringContent("40"));
        (await server.Http.GetStringAsync(url)).ShouldStartWith("40{\"sid\"");

        var attachment = "b" + Convert.ToBase64String(new byte[6000]);
        var first = await server.Http.PostAsync(url, new StringContent(BinaryHeader(2) + "\u001e" + attachment, Encoding.UTF8));
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = await server.Http.PostAsync(url, new StringContent(attachment, Encoding.UTF8));
        second.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        await Eventually.TrueAsync(() => reasons.Contains("transport error"));
        (await server.Http.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_connect_timeout_stays_armed_until_a_connect_succeeds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var gate = new TaskCompletionSource();
        await using var server = await TestServer.StartAsync(o =>
        {
            o.TimeProvider = time;
            o.ConnectTimeout = TimeSpan.FromSeconds(45);
            // The heartbeat runs on the same fake clock: far away, so only the connect timeout acts here.
            o.PingInterval = TimeSpan.FromHours(1);
        }, io =>
        {
            io.Use(async (socket, next) =>
            {
                var token = socket.Handshake.Auth.TryGetProperty("token", out var t) ? t.GetString() : null;
                if (token == "slow")
                {
                    await gate.Task;
                }

                if (token != "good")
                {
                    throw new SocketIOConnectionException("not authorized");
                }

                await next();
            });
            io.OnConnection(s => s.On("ping", e => e.AckAsync("pong").AsTask()));
        });

        var (refused, answer) = await RawWebSocket.ConnectSocketIOAsync(server, "40{\"token\":\"bad\"}");
        await using var _ = refused;
        answer.ShouldBe("44{\"message\":\"not authorized\"}");
        await using var pending = await RawWebSocket.ConnectAsync(server.WebSocketUri("/socket.io/?EIO=4&transport=websocket"));
        await pending.ReceiveTextAsync();
        await pending.SendTextAsync("40{\"token\":\"slow\"}");
        var (accepted, ack) = await RawWebSocket.ConnectSocketIOAsync(server, "40{\"token\":\"good\"}");
        await using var __ = accepted;
        ack.ShouldStartWith("40{\"sid\"");

        // Just before the timeout the refused client is still there: it can try again.
        time.Advance(TimeSpan.FromSeconds(44));
        await refused.SendTextAsync("40{\"token\":\"bad\"}");
        (await refused.ReceiveTextAsync()).ShouldBe("44{\"message\":\"not authorized\"}");

        time.Advance(TimeSpan.FromSeconds(1));
        await refused.WaitForCloseAsync();
        await pending.WaitForCloseAsync();
        gate.SetResult();

        // The connected one is not touched by the timeout, however late.
        time.Advance(TimeSpan.FromMinutes(5));
        await accepted.SendTextAsync("421[\"ping\"]");
        (await accepted.ReceiveTextSkippingPingsAsync()).ShouldBe("431[\"pong\"]");
        server.IO.Engine.ClientsCount.ShouldBe(1);
    }
}
