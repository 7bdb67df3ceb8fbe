using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Switchboard.SocketIO.EngineIO;
using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Integration;

/// <summary>Per-address and global caps on Engine.IO sessions, and the per-address handshake rate.</summary>
public class HandshakeLimitsTests
{
    /// <summary>Tests come from one loopback address; a query parameter stands for the client address.</summary>
    private static string? ByQuery(HttpContext context) =>
        context.Request.Query["client"] is { Count: > 0 } client ? client.ToString() : null;

    private static Task<HttpResponseMessage> HandshakeAsync(TestServer server, string client) =>
        server.Http.GetAsync($"/socket.io/?EIO=4&transport=polling&client={client}");

    private static async Task<string> RefusalAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_flood_of_handshakes_from_one_address_is_refused_beyond_the_rate_while_another_address_connects()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(o =>
        {
            o.TimeProvider = time;
            o.ClientAddress = ByQuery;
            o.MaxHandshakesPerAddress = 5;
            o.HandshakeRateWindow = TimeSpan.FromMinutes(1);
        });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            statuses.Add((await HandshakeAsync(server, "a")).StatusCode);
        }

        statuses.Count(s => s == HttpStatusCode.OK).ShouldBe(5);
        statuses.Skip(5).ShouldAllBe(s => s == HttpStatusCode.Forbidden);
        var refused = await HandshakeAsync(server, "a");
        (await RefusalAsync(refused)).ShouldBe("{\"code\":4,\"message\":\"Too many handshakes from this address\"}");
        refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(12));

        // A WebSocket handshake counts the same way; it is refused before the upgrade.
        var upgrade = await Should.ThrowAsync<WebSocketException>(() => RawWebSocket.ConnectAsync(server.WebSocketUri("/socket.io/?EIO=4&transport=websocket&client=a")));
        upgrade.Message.ShouldContain("403");

        (await HandshakeAsync(server, "b")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var other = await RawWebSocket.ConnectAsync(server.WebSocketUri("/socket.io/?EIO=4&transport=websocket&client=b"));
        (await other.ReceiveTextAsync()).ShouldStartWith("0{");

        // The bucket refills evenly: one handshake every 12 s.
        time.Advance(TimeSpan.FromSeconds(12));
        (await HandshakeAsync(server, "a")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await HandshakeAsync(server, "a")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Sessions_are_capped_per_address_and_in_total_and_a_closed_session_frees_its_slot()
    {
        await using var server = await TestServer.StartAsync(o =>
        {
            o.ClientAddress = ByQuery;
            o.MaxSessionsPerAddress = 2;
            o.MaxSessions = 3;
        });

        var first = await server.OpenPollingSessionAsync("/socket.io/", "&client=a");
        await server.OpenPollingSessionAsync("/socket.io/", "&client=a");
        (await RefusalAsync(await HandshakeAsync(server, "a"))).ShouldBe("{\"code\":4,\"message\":\"Too many sessions from this address\"}");
        await server.OpenPollingSessionAsync("/socket.io/", "&client=b");
        (await RefusalAsync(await HandshakeAsync(server, "c"))).ShouldBe("{\"code\":4,\"message\":\"Too many sessions\"}");
        server.IO.Engine.ClientsCount.ShouldBe(3);

        // The client closes one of its sessions: its place is free again.
        await server.Http.PostAsync($"/socket.io/?EIO=4&transport=polling&sid={first}", new StringContent("1"));
        await Eventually.TrueAsync(() => server.IO.Engine.ClientsCount == 2);
        (await HandshakeAsync(server, "c")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RefusalAsync(await HandshakeAsync(server, "a"))).ShouldBe("{\"code\":4,\"message\":\"Too many sessions\"}");
    }

    [Fact]
    public async Task Loopback_clients_are_exempt_from_the_per_address_limits_by_default()
    {
        await using var server = await TestServer.StartAsync(o =>
        {
            o.MaxHandshakesPerAddress = 2;
            o.MaxSessionsPerAddress = 2;
        });
        for (var i = 0; i < 5; i++)
        {
            (await server.Http.GetAsync("/socket.io/?EIO=4&transport=polling")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // Counted when asked to: the same requests from 127.0.0.1 are then limited.
        await using var strict = await TestServer.StartAsync(o =>
        {
            o.ClientAddress = EngineIOClientAddress.IncludingLoopback;
            o.MaxSessionsPerAddress = 2;
        });
        (await strict.Http.GetAsync("/socket.io/?EIO=4&transport=polling")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await strict.Http.GetAsync("/socket.io/?EIO=4&transport=polling")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await strict.Http.GetAsync("/socket.io/?EIO=4&transport=polling")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("127.0.0.1", null)]
    [InlineData("::1", null)]
    public void The_default_client_address_groups_IPv6_by_its_64_prefix_and_exempts_loopback(string remote, string? key)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        EngineIOClientAddress.Default(context).ShouldBe(key);
    }

    [Fact]
    public void Addresses_without_sessions_are_forgotten_once_their_bucket_has_refilled()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var limiter = new HandshakeLimiter(new EngineIOOptions { MaxHandshakesPerAddress = 10 }, time);
        for (var i = 0; i < 2000; i++)
        {
            limiter.TryAdmit($"10.0.{i / 256}.{i % 256}", out _).ShouldBe(HandshakeLimiter.Refusal.None);
            limiter.Release($"10.0.{i / 256}.{i % 256}");
        }

        limiter.TrackedAddresses.ShouldBeGreaterThan(1000);
        time.Advance(TimeSpan.FromMinutes(1));
        limiter.TryAdmit("192.0.2.1", out _).ShouldBe(HandshakeLimiter.Refusal.None);
        limiter.TrackedAddresses.ShouldBe(1);
    }
}
