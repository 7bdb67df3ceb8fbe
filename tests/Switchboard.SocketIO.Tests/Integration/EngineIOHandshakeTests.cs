using System.Net;
using System.Text.Json;
using Switchboard.SocketIO.EngineIO;
using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Integration;

public class EngineIOHandshakeTests
{
    [Fact]
    public async Task Polling_handshake_returns_the_open_packet_with_all_fields()
    {
        await using var server = await TestServer.StartAsync(o =>
        {
            o.PingInterval = TimeSpan.FromMilliseconds(1500);
            o.PingTimeout = TimeSpan.FromMilliseconds(700);
            o.MaxHttpBufferSize = 5000;
        });

        var response = await server.Http.GetAsync("/socket.io/?EIO=4&transport=polling");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldStartWith("0");

        using var open = JsonDocument.Parse(body[1..]);
        var root = open.RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(["sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload"], ignoreOrder: true);
        root.GetProperty("sid").GetString()!.Length.ShouldBe(20);
        root.GetProperty("upgrades").EnumerateArray().Select(e => e.GetString()).ShouldBe(["websocket"]);
        root.GetProperty("pingInterval").GetInt32().ShouldBe(1500);
        root.GetProperty("pingTimeout").GetInt32().ShouldBe(700);
        root.GetProperty("maxPayload").GetInt32().ShouldBe(5000);
    }

    [Fact]
    public async Task WebSocket_handshake_sends_the_open_packet_without_upgrades()
    {
        await using var server = await TestServer.StartAsync();
        await using var ws = await RawWebSocket.ConnectAsync(server.WebSocketUri("/engine.io/?EIO=4&transport=websocket"));
        var open = await ws.ReceiveTextAsync();
        using var doc = JsonDocument.Parse(open[1..]);
        doc.RootElement.GetProperty("upgrades").GetArrayLength().ShouldBe(0);
        doc.RootElement.GetProperty("maxPayload").GetInt32().ShouldBe(1_000_000);
    }

    [Theory]
    [InlineData("GET", "/socket.io/?EIO=4", 0, "Transport unknown")]
    [InlineData("GET", "/socket.io/?EIO=4&transport=abc", 0, "Transport unknown")]
    [InlineData("GET", "/socket.io/?EIO=4&transport=polling&sid=nope", 1, "Session ID unknown")]
    [InlineData("POST", "/socket.io/?EIO=4&transport=polling", 2, "Bad handshake method")]
    [InlineData("PUT", "/socket.io/?EIO=4&transport=polling", 2, "Bad handshake method")]
    [InlineData("GET", "/socket.io/?EIO=4&transport=websocket", 3, "Bad request")]
    [InlineData("GET", "/socket.io/?transport=polling", 5, "Unsupported protocol version")]
    [InlineData("GET", "/socket.io/?EIO=3&transport=polling", 5, "Unsupported protocol version")]
    [InlineData("GET", "/socket.io/?EIO=abc&transport=polling", 5, "Unsupported protocol version")]
    public async Task Invalid_requests_get_the_protocol_errors_as_json(string method, string url, int code, string message)
    {
        await using var server = await TestServer.StartAsync();
        var response = await server.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await response.Content.ReadAsStringAsync()).ShouldBe($"{{\"code\":{code},\"message\":\"{message}\"}}");
    }

    [Fact]
    public async Task A_request_refused_by_AllowRequest_is_forbidden()
    {
        await using var server = await TestServer.StartAsync(o => o.AllowRequest = ctx => ValueTask.FromResult(ctx.Request.Headers.ContainsKey("X-Token")));
        var refused = await server.Http.GetAsync("/socket.io/?EIO=4&transport=polling");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).ShouldBe("{\"code\":4,\"message\":\"Forbidden\"}");

        var request = new HttpRequestMessage(HttpMethod.Get, "/socket.io/?EIO=4&transport=polling");
        request.Headers.Add("X-Token", "1");
        (await server.Http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Path_is_served_with_and_without_the_trailing_slash()
    {
        await using var server = await TestServer.StartAsync();
        (await server.Http.GetAsync("/socket.io?EIO=4&transport=polling")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await server.Http.GetAsync("/socket.io/?EIO=4&transport=polling")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Cors_allows_any_origin_with_a_wildcard()
    {
        await using var server = await TestServer.StartAsync(o => o.Cors = new EngineIOCorsOptions { Origins = ["*"] });
        var request = new HttpRequestMessage(HttpMethod.Get, "/socket.io/?EIO=4&transport=polling");
        request.Headers.Add("Origin", "http://example.test");
        var response = await server.Http.SendAsync(request);
        response.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe("*");
    }

    [Fact]
    public async Task Cors_with_credentials_echoes_listed_origins_only()
    {
        await using var server = await TestServer.StartAsync(o => o.Cors = new EngineIOCorsOptions { Origins = ["http://app.test"], AllowCredentials = true });

        var preflight = new HttpRequestMessage(HttpMethod.Options, "/socket.io/?EIO=4&transport=polling");
        preflight.Headers.Add("Origin", "http://app.test");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        var answer = await server.Http.SendAsync(preflight);
        answer.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        answer.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe("http://app.test");
        answer.Headers.GetValues("Access-Control-Allow-Credentials").Single().ShouldBe("true");
        answer.Headers.GetValues("Access-Control-Allow-Methods").Single().ShouldContain("POST");
        answer.Headers.GetValues("Access-Control-Allow-Headers").Single().ShouldBe("content-type");

        var foreign = new HttpRequestMessage(HttpMethod.Get, "/socket.io/?EIO=4&transport=polling");
        foreign.Headers.Add("Origin", "http://evil.test");
        (await server.Http.SendAsync(foreign)).Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }
}
