using System.Net;
using System.Text;
using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Integration;

/// <summary>The Engine.IO echo endpoint driven over raw HTTP long-polling.</summary>
public class EngineIOPollingTests
{
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
        await using var server = await TestServer.StartAsync();
        var sid = await server.OpenPollingSessionAsync("/engine.io/");
        var poll = server.Http.GetStringAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}");
        await Task.Delay(100);
        poll.IsCompleted.ShouldBeFalse();
        await server.Http.PostAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}", new StringContent("4later"));
        (await poll.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe("4later");
    }

    [Fact]
    public async Task A_second_concurrent_poll_is_rejected_and_closes_the_session()
    {
        await using var server = await TestServer.StartAsync();
        var sid = await server.OpenPollingSessionAsync("/engine.io/");
        var first = server.Http.GetAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}");
        await Task.Delay(100);
        var second = await server.Http.GetAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}");
        second.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var firstResponse = await first.WaitAsync(TimeSpan.FromSeconds(5));
        (await firstResponse.Content.ReadAsStringAsync()).ShouldBe("1");
        (await server.Http.GetAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
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
        await using var server = await TestServer.StartAsync();
        var sid = await server.OpenPollingSessionAsync("/engine.io/");
        var poll = server.Http.GetStringAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}");
        await Task.Delay(50);
        await server.Http.PostAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}", new StringContent("1"));
        (await poll.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe("6");
        (await server.Http.GetAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_server_pings_and_closes_the_session_without_a_pong()
    {
        await using var server = await TestServer.StartAsync(configureEngine: o =>
        {
            o.PingInterval = TimeSpan.FromMilliseconds(200);
            o.PingTimeout = TimeSpan.FromMilliseconds(200);
        });
        var sid = await server.OpenPollingSessionAsync("/engine.io/");
        (await server.Http.GetStringAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}")).ShouldBe("2");
        (await server.Http.PostAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}", new StringContent("3"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await server.Http.GetStringAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}")).ShouldBe("2");

        await Task.Delay(600);
        (await server.Http.GetAsync($"/engine.io/?EIO=4&transport=polling&sid={sid}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
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
