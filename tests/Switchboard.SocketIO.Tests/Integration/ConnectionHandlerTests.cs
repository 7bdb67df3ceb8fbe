using System.Net;
using System.Net.Sockets;
using System.Text;
using Switchboard.SocketIO.EngineIO;
using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Integration;

/// <summary>
/// WebSockets served by Kestrel's connection middleware (UseSocketIOWebSockets) on a real Kestrel: the same
/// protocol and the same refusals as the HTTP path, everything else on the port served by Kestrel as before.
/// </summary>
public class ConnectionHandlerTests
{
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";

    private static Task<TestServer> StartAsync(bool connectionHandler, Action<SocketIOOptions>? configure = null) =>
        TestServer.StartAsync(configure, setup: io => io.OnConnection(s => s.On("echo", e => e.AckAsync(e.Args.ToArray()).AsTask())), connectionHandler: connectionHandler);

    [Fact]
    public async Task A_websocket_session_is_served_by_the_connection_handler()
    {
        await using var server = await StartAsync(connectionHandler: true);
        var (ws, ack) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using (ws)
        {
            ack.ShouldStartWith("40{\"sid\":");
            await ws.SendTextAsync("421[\"echo\",{\"text\":\"é€\"}]");
            (await ws.ReceiveTextSkippingPingsAsync()).ShouldBe("431[{\"text\":\"é€\"}]");
        }

        server.IO.Engine.ConnectionHandlerWebSockets.ShouldBe(1);
    }

    [Fact]
    public async Task Without_the_handler_the_http_path_serves_the_websocket()
    {
        await using var server = await StartAsync(connectionHandler: false);
        var (ws, ack) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using (ws)
        {
            ack.ShouldStartWith("40{\"sid\":");
        }

        server.IO.Engine.ConnectionHandlerWebSockets.ShouldBe(0);
    }

    [Fact]
    public async Task A_polling_session_upgrades_through_the_connection_handler()
    {
        await using var server = await StartAsync(connectionHandler: true);
        var sid = await server.OpenPollingSessionAsync();
        await using var ws = await RawWebSocket.ConnectAsync(server.WebSocketUri($"/socket.io/?EIO=4&transport=websocket&sid={sid}"));
        await ws.SendTextAsync("2probe");
        (await ws.ReceiveTextAsync()).ShouldBe("3probe");
        await ws.SendTextAsync("5");
        await ws.SendTextAsync("40");
        (await ws.ReceiveTextSkippingPingsAsync()).ShouldStartWith("40{\"sid\":");
        server.IO.Engine.ConnectionHandlerWebSockets.ShouldBe(1);
        server.Session(sid)!.Transport.ShouldBe("websocket");
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "a key of 15 bytes", $"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {Convert.ToBase64String(new byte[15])}\r\n\r\n" },
        { "no key", "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\r\n" },
        { "version 12", $"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 12\r\nSec-WebSocket-Key: {Key}\r\n\r\n" },
        { "Engine.IO 3", $"GET /socket.io/?EIO=3&transport=websocket HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {Key}\r\n\r\n" },
        { "an unknown sid", $"GET /socket.io/?EIO=4&transport=websocket&sid=nope HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {Key}\r\n\r\n" },
        { "no transport", $"GET /socket.io/?EIO=4 HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {Key}\r\n\r\n" },
        { "a header beyond Kestrel's 32 KB", $"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: h\r\nX-Big: {new string('a', 33_000)}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {Key}\r\n\r\n" },
        { "no Host", $"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {Key}\r\n\r\n" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_bad_upgrade_gets_the_same_answer_as_on_the_http_path(string because, string request)
    {
        await using var plain = await StartAsync(connectionHandler: false);
        await using var handled = await StartAsync(connectionHandler: true);
        var expected = await SendAsync(plain, request);
        var actual = await SendAsync(handled, request);
        expected.Status.ShouldBeInRange(400, 499, because);
        actual.ShouldBe(expected, because);
        handled.IO.Engine.ConnectionHandlerWebSockets.ShouldBe(0);
    }

    [Fact]
    public async Task A_refused_handshake_gets_the_same_answer_and_cors_headers_as_on_the_http_path()
    {
        void Configure(SocketIOOptions o)
        {
            o.AllowRequest = _ => ValueTask.FromResult(false);
            o.Cors = new EngineIOCorsOptions { Origins = ["https://app.example"] };
        }

        var request = $"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: h\r\nOrigin: https://app.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {Key}\r\n\r\n";
        await using var plain = await StartAsync(connectionHandler: false, Configure);
        await using var handled = await StartAsync(connectionHandler: true, Configure);
        var expected = await SendAsync(plain, request);
        var actual = await SendAsync(handled, request);
        expected.ShouldBe(new RawAnswer(403, "{\"code\":4,\"message\":\"Forbidden\"}", "https://app.example"));
        actual.ShouldBe(expected);
    }

    [Fact]
    public async Task The_session_limit_refuses_a_websocket_handshake_as_on_the_http_path()
    {
        await using var server = await StartAsync(connectionHandler: true, o => o.MaxSessions = 1);
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using (ws)
        {
            var answer = await SendAsync(server, $"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {Key}\r\n\r\n");
            answer.ShouldBe(new RawAnswer(403, "{\"code\":4,\"message\":\"Too many sessions\"}", null));
        }
    }

    [Fact]
    public async Task Other_requests_on_the_port_are_served_by_kestrel_as_before()
    {
        await using var server = await StartAsync(connectionHandler: true);

        // Polling on the same path, the plain Engine.IO endpoint and an unknown route, on one kept-alive connection.
        var sid = await server.OpenPollingSessionAsync();
        (await server.Http.PostAsync($"/socket.io/?EIO=4&transport=polling&sid={sid}", new StringContent("40"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await server.Http.GetStringAsync($"/socket.io/?EIO=4&transport=polling&sid={sid}")).ShouldStartWith("40{\"sid\":");
        (await server.Http.GetAsync("/nowhere")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // A WebSocket on another path, and one whose head arrives in pieces, and one behind a proxy, are not the handler's.
        await using (var echo = await RawWebSocket.ConnectAsync(server.WebSocketUri("/engine.io/?EIO=4&transport=websocket")))
        {
            (await echo.ReceiveTextAsync()).ShouldStartWith("0{");
            await echo.SendTextAsync("4ping me");
            (await echo.ReceiveTextAsync()).ShouldBe("4ping me");
        }

        var forwarded = await SendAsync(server, $"GET /socket.io/?EIO=4&transport=websocket&sid=nope HTTP/1.1\r\nHost: h\r\nX-Forwarded-For: 203.0.113.9\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {Key}\r\n\r\n");
        forwarded.ShouldBe(new RawAnswer(400, "{\"code\":1,\"message\":\"Session ID unknown\"}", null));
        server.IO.Engine.ConnectionHandlerWebSockets.ShouldBe(0);
    }

    [Fact]
    public async Task A_head_sent_in_pieces_is_still_served()
    {
        await using var server = await StartAsync(connectionHandler: true);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.BaseUri.Port);
        var stream = tcp.GetStream();
        var request = Encoding.ASCII.GetBytes($"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {Key}\r\n\r\n");
        foreach (var piece in request.Chunk(7))
        {
            await stream.WriteAsync(piece);
            await stream.FlushAsync();
        }

        var head = await ReadHeadAsync(stream);
        head.ShouldStartWith("HTTP/1.1 101 Switching Protocols\r\n");
        head.ShouldContain("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n");
        server.IO.Engine.ConnectionHandlerWebSockets.ShouldBe(1);
    }

    private sealed record RawAnswer(int Status, string Body, string? AllowOrigin);

    /// <summary>Sends a raw request on a new connection and reads the answer (Content-Length or chunked).</summary>
    private static async Task<RawAnswer> SendAsync(TestServer server, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.BaseUri.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var head = await ReadHeadAsync(stream);
        var lines = head.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        string? Header(string name) => lines.Skip(1).Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)).Select(l => l[(name.Length + 1)..].Trim()).FirstOrDefault();
        var body = new MemoryStream();
        if (Header("Content-Length") is { } length)
        {
            await CopyExactlyAsync(stream, body, int.Parse(length, System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (Header("Transfer-Encoding") == "chunked")
        {
            while (true)
            {
                var size = Convert.ToInt32((await ReadLineAsync(stream)).Split(';')[0], 16);
                await CopyExactlyAsync(stream, body, size);
                await ReadLineAsync(stream);
                if (size == 0)
                {
                    break;
                }
            }
        }

        return new RawAnswer(status, Encoding.UTF8.GetString(body.ToArray()), Header("Access-Control-Allow-Origin"));
    }

    private static async Task<string> ReadHeadAsync(Stream stream)
    {
        var head = new StringBuilder();
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            head.Append(await ReadLineAsync(stream)).Append("\r\n");
        }

        return head.ToString();
    }

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            if (await stream.ReadAsync(one, timeout.Token) == 0)
            {
                throw new EndOfStreamException("The server closed the connection mid-answer: " + line);
            }

            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }
    }

    private static async Task CopyExactlyAsync(Stream from, Stream to, int count)
    {
        var buffer = new byte[count];
        await from.ReadExactlyAsync(buffer);
        await to.WriteAsync(buffer);
    }
}
