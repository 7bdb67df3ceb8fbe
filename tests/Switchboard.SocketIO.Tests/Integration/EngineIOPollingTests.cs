using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Switchboard.SocketIO.EngineIO;
using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Integration;

/// <summary>
/// The Engine.IO echo endpoint driven over raw HTTP long-polling. The server's clock is a
/// <see cref="FakeTimeProvider"/>: nothing happens because time passed unless a test advances it, and a test
/// that needs a parked poll waits for the server to report one rather than sleeping.
/// </summary>
public class EngineIOPollingTests
{
    private static Task<TestServer> StartAsync(FakeTimeProvider time, Action<EngineIOOptions>? configure = null) =>
        TestServer.StartAsync(configureEngine: o =>
        {
            o.TimeProvider = time;
            configure?.Invoke(o);
        });

    private static FakeTimeProvider Clock() => new(DateTimeOffset.UtcNow);

    private static string Url(string sid) => $"/engine.io/?EIO=4&transport=polling&sid={sid}";
    [Fact]
    public async Task Batches_several_packets_with_the_record_separator_and_base64_binary()
    {
        await using var server = await TestServer.StartAsync();
        var sid = await server.OpenPollingSessionAsync("/engine.io/");
        var post = await server.Http.PostAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}", new StringContent("4hello\u001e4€uro\u001ebAQIDBA=="));
        post.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await post.Content.ReadAsStringAsync()).ShouldBe("ok");

        (await server.Http.GetStringAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}")).ShouldBe("4hello\u001e4€uro\u001ebAQIDBA==");
    }

    [Fact]
    public async Task A_pending_poll_is_answered_as_soon_as_a_message_is_queued()
    {
        await using var server = await StartAsync(Clock());
        var sid = await server.OpenPollingSessionAsync("/engine.io/");
        var poll = server.Http.GetStringAsync(Url(sid));
        await server.PollParkedAsync(sid);
        poll.IsCompleted.ShouldBeFalse();
        await server.Http.PostAsync(Url(sid), new StringContent("4later"));
        (await Eventually.WithinAsync(poll)).ShouldBe("4later");
    }

    [Fact]
    public async Task A_second_concurrent_poll_is_rejected_and_closes_the_session()
    {
        await using var server = await StartAsync(Clock());
        var sid = await server.OpenPollingSessionAsync("/engine.io/");
        var first = server.Http.GetAsync(Url(sid));
        await server.PollParkedAsync(sid);
        var second = await server.Http.GetAsync(Url(sid));
        second.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var firstResponse = await Eventually.WithinAsync(first);
        (await firstResponse.Content.ReadAsStringAsync()).ShouldBe("1");
        (await server.Http.GetAsync(Url(sid))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("4ok\u001e")]
    [InlineData("b***")]
    public async Task A_malformed_payload_is_rejected_and_closes_the_session(string body)
    {
        await using var server = await TestServer.StartAsync();
        var sid = await server.OpenPollingSessionAsync("/engine.io/");
        var post = await server.Http.PostAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}", new StringContent(body));
        post.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var poll = await server.Http.GetAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}");
        (await poll.Content.ReadAsStringAsync()).ShouldBe("{\"code\":1,\"message\":\"Session ID unknown\"}");
    }

    [Fact]
    public async Task A_body_above_maxHttpBufferSize_is_rejected_with_413()
    {
        await using var server = await TestServer.StartAsync(configureEngine: o => o.MaxHttpBufferSize = 100);
        var sid = await server.OpenPollingSessionAsync("/engine.io/");
        var post = await server.Http.PostAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}", new StringContent("4" + new string('x', 200)));
        post.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await server.Http.GetAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_close_packet_from_the_client_ends_the_pending_poll_with_a_noop()
    {
        await using var server = await StartAsync(Clock());
        var sid = await server.OpenPollingSessionAsync("/engine.io/");
        var poll = server.Http.GetStringAsync(Url(sid));
        await server.PollParkedAsync(sid);
        await server.Http.PostAsync(Url(sid), new StringContent("1"));
        (await Eventually.WithinAsync(poll)).ShouldBe("6");
        (await server.Http.GetAsync(Url(sid))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_server_pings_and_closes_the_session_without_a_pong()
    {
        var time = Clock();
        var interval = TimeSpan.FromSeconds(25);
        var timeout = TimeSpan.FromSeconds(20);
        await using var server = await StartAsync(time, o =>
        {
            o.PingInterval = interval;
            o.PingTimeout = timeout;
        });
        var sid = await server.OpenPollingSessionAsync("/engine.io/");
        var session = server.Session(sid).ShouldNotBeNull();

        // The first ping is due one interval after the handshake; the parked poll carries it.
        var poll = server.Http.GetStringAsync(Url(sid));
        await server.PollParkedAsync(sid);
        time.Advance(interval);
        (await Eventually.WithinAsync(poll)).ShouldBe("2");

        // The pong is handled before its POST is answered, so the next ping is due one interval from here.
        (await server.Http.PostAsync(Url(sid), new StringContent("3"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        time.Advance(interval);
        (await server.Http.GetStringAsync(Url(sid))).ShouldBe("2");

        // No pong this time: open until the timeout, closed with "ping timeout" when it is reached.
        time.Advance(timeout - TimeSpan.FromMilliseconds(1));
        session.IsOpen.ShouldBeTrue();
        time.Advance(TimeSpan.FromMilliseconds(1));
        session.CloseReason.ShouldBe(EngineIOCloseReason.PingTimeout);
        (await server.Http.GetAsync(Url(sid))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Binary_post_bodies_of_protocol_v3_are_rejected()
    {
        await using var server = await TestServer.StartAsync();
        var sid = await server.OpenPollingSessionAsync("/engine.io/");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("4hi"));
        content.Headers.ContentType = new("application/octet-stream");
        (await server.Http.PostAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}", content)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
