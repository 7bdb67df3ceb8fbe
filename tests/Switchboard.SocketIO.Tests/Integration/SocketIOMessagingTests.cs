using System.Text.Json;
using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Integration;

public class SocketIOMessagingTests
{
    [Fact]
    public async Task Events_are_received_with_json_arguments_and_can_be_answered()
    {
        await using var server = await TestServer.StartAsync(setup: io => io.OnConnection(s =>
            s.On("echo", e => s.EmitAsync("echoed", e.Args.ToArray()).AsTask())));
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = ws;
        await ws.SendTextAsync("42[\"echo\",1,\"2\",{\"3\":[true]},null]");
        (await ws.ReceiveTextAsync()).ShouldBe("42[\"echoed\",1,\"2\",{\"3\":[true]},null]");
    }

    [Fact]
    public async Task Typed_arguments_bind_with_the_serializer_options()
    {
        var got = new TaskCompletionSource<ChatMessage>();
        await using var server = await TestServer.StartAsync(setup: io => io.OnConnection(s =>
            s.On("chat", e => { got.TrySetResult(e.Args.Get<ChatMessage>(0)!); })));
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = ws;
        await ws.SendTextAsync("42[\"chat\",{\"room\":\"a\",\"text\":\"hi\"}]");
        (await got.Task.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe(new ChatMessage("a", "hi"));
    }

    [Fact]
    public async Task The_server_acknowledges_client_events_once()
    {
        await using var server = await TestServer.StartAsync(setup: io => io.OnConnection(s => s.On("sum", async e =>
        {
            await e.AckAsync(e.Args.Get<int>(0) + e.Args.Get<int>(1));
            await e.AckAsync("ignored");
        })));
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = ws;
        await ws.SendTextAsync("4217[\"sum\",2,3]");
        (await ws.ReceiveTextAsync()).ShouldBe("4317[5]");
        await ws.SendTextAsync("4218[\"sum\",1,1]");
        (await ws.ReceiveTextAsync()).ShouldBe("4318[2]");
    }

    [Fact]
    public async Task Binary_events_and_binary_acks_round_trip()
    {
        await using var server = await TestServer.StartAsync(setup: io => io.OnConnection(s =>
            s.On("file", e => e.AckAsync("size", e.Args.GetBytes(0).Length, e.Args.GetBytes(0)).AsTask())));
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = ws;
        await ws.SendTextAsync("451-3[\"file\",{\"_placeholder\":true,\"num\":0}]");
        await ws.SendBinaryAsync([5, 6, 7]);
        (await ws.ReceiveTextAsync()).ShouldBe("461-3[\"size\",3,{\"_placeholder\":true,\"num\":0}]");
        (await ws.ReceiveBinaryAsync()).ShouldBe(new byte[] { 5, 6, 7 });
    }

    [Fact]
    public async Task EmitWithAck_resolves_with_the_client_answer_including_binary()
    {
        var answer = new TaskCompletionSource<SocketIOArgs>();
        await using var server = await TestServer.StartAsync(setup: io => io.OnConnection(async s =>
            answer.TrySetResult(await s.EmitWithAckAsync("question", TimeSpan.FromSeconds(5), "life"))));
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = ws;
        (await ws.ReceiveTextAsync()).ShouldBe("420[\"question\",\"life\"]");
        await ws.SendTextAsync("461-0[42,{\"_placeholder\":true,\"num\":0}]");
        await ws.SendBinaryAsync([1, 2]);

        var args = await answer.Task.WaitAsync(TimeSpan.FromSeconds(5));
        args.Get<int>(0).ShouldBe(42);
        args.GetBytes(1).ShouldBe(new byte[] { 1, 2 });
    }

    [Fact]
    public async Task EmitWithAck_fails_with_a_timeout_when_the_client_does_not_answer()
    {
        var failure = new TaskCompletionSource<Exception>();
        await using var server = await TestServer.StartAsync(setup: io => io.OnConnection(async s =>
        {
            try
            {
                await s.EmitWithAckAsync("question", TimeSpan.FromMilliseconds(200));
            }
            catch (Exception ex)
            {
                failure.TrySetResult(ex);
            }
        }));
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = ws;
        (await failure.Task.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBeOfType<TimeoutException>();
    }

    [Fact]
    public async Task EmitWithAck_fails_when_the_socket_disconnects()
    {
        var failure = new TaskCompletionSource<Exception>();
        await using var server = await TestServer.StartAsync(setup: io => io.OnConnection(async s =>
        {
            try
            {
                await s.EmitWithAckAsync("question");
            }
            catch (Exception ex)
            {
                failure.TrySetResult(ex);
            }
        }));
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await ws.ReceiveTextAsync();
        await ws.DisposeAsync();
        (await failure.Task.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBeOfType<SocketDisconnectedException>();
    }

    [Fact]
    public async Task Reserved_event_names_cannot_be_emitted()
    {
        await using var server = await TestServer.StartAsync();
        await Should.ThrowAsync<ArgumentException>(async () => await server.IO.EmitAsync("disconnect"));
    }

    [Fact]
    public async Task Handlers_that_throw_do_not_break_the_connection()
    {
        await using var server = await TestServer.StartAsync(setup: io => io.OnConnection(s =>
        {
            s.On("boom", (SocketIOEvent _) => throw new InvalidOperationException("boom"));
            s.On("ping", e => e.AckAsync("pong").AsTask());
        }));
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = ws;
        await ws.SendTextAsync("42[\"boom\"]");
        await ws.SendTextAsync("421[\"ping\"]");
        (await ws.ReceiveTextAsync()).ShouldBe("431[\"pong\"]");
    }

    [Fact]
    public async Task OnAny_sees_every_event()
    {
        var names = new TaskCompletionSource<string>();
        await using var server = await TestServer.StartAsync(setup: io => io.OnConnection(s => s.OnAny(e =>
        {
            names.TrySetResult(e.Name);
            return Task.CompletedTask;
        })));
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = ws;
        await ws.SendTextAsync("42[\"whatever\",1]");
        (await names.Task.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe("whatever");
    }

    public sealed record ChatMessage(string Room, string Text);
}
