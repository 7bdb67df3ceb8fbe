using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Integration;

/// <summary>
/// Broadcast with acknowledgements (Node: <c>io.to(room).timeout(ms).emitWithAck</c>): every socket of the room
/// gets the event with its own ack id; the answers come back as a list, and a socket that does not answer in
/// time fails the call with the answers that did arrive. Time is a fake clock.
/// </summary>
public partial class BroadcastAckTests
{
    [GeneratedRegex("^42(\\d+)\\[\"question\",7\\]$")]
    private static partial Regex Question();

    private static async Task<(RawWebSocket Ws, Socket Socket)> ConnectAsync(TestServer server)
    {
        var (ws, ack) = await RawWebSocket.ConnectSocketIOAsync(server);
        var id = System.Text.Json.JsonDocument.Parse(ack[2..]).RootElement.GetProperty("sid").GetString()!;
        return (ws, server.IO.Sockets.Sockets[id]);
    }

    private static async Task<string> AckIdAsync(RawWebSocket ws)
    {
        var match = Question().Match(await ws.ReceiveTextSkippingPingsAsync());
        match.Success.ShouldBeTrue();
        return match.Groups[1].Value;
    }

    [Fact]
    public async Task Every_socket_of_the_room_answers_and_the_answers_come_back_as_a_list()
    {
        await using var server = await TestServer.StartAsync();
        var (a, sa) = await ConnectAsync(server);
        var (b, sb) = await ConnectAsync(server);
        var (outside, _) = await ConnectAsync(server);
        await using var _a = a;
        await using var _b = b;
        await using var _o = outside;
        await sa.JoinAsync("room");
        await sb.JoinAsync("room");

        var answers = server.IO.To("room").Timeout(TimeSpan.FromSeconds(5)).EmitWithAckAsync("question", 7);
        await a.SendTextAsync($"43{await AckIdAsync(a)}[\"from a\"]");
        await b.SendTextAsync($"43{await AckIdAsync(b)}[\"from b\",2]");

        var list = await answers.WaitAsync(TimeSpan.FromSeconds(10));
        list.Select(args => args.GetString(0)).ShouldBe(["from a", "from b"], ignoreOrder: true);
        list.Single(args => args.GetString(0) == "from b").Count.ShouldBe(2);

        // The socket outside the room got nothing: its next frame is a later, unfiltered broadcast.
        await server.IO.EmitAsync("after");
        (await outside.ReceiveTextSkippingPingsAsync()).ShouldBe("42[\"after\"]");
    }

    [Fact]
    public async Task A_socket_that_does_not_answer_in_time_fails_the_call_with_the_answers_that_arrived()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(o =>
        {
            o.TimeProvider = time;
            o.PingInterval = TimeSpan.FromMinutes(10);
        });
        var (a, sa) = await ConnectAsync(server);
        var (silent, ss) = await ConnectAsync(server);
        await using var _a = a;
        await using var _s = silent;
        await sa.JoinAsync("room");
        await ss.JoinAsync("room");

        var answers = server.IO.In("room").Timeout(TimeSpan.FromSeconds(5)).EmitWithAckAsync("question", 7);
        var lateId = await AckIdAsync(silent);
        await a.SendTextAsync($"43{await AckIdAsync(a)}[\"from a\"]");
        await Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return answers.IsCompleted;
        }, because: "the broadcast to time out on the fake clock");

        var error = await Should.ThrowAsync<BroadcastAckTimeoutException>(answers);
        error.Expected.ShouldBe(2);
        error.Answers.Select(args => args.GetString(0)).ShouldBe(["from a"]);

        // An answer after the timeout is dropped, and the socket stays connected.
        await silent.SendTextAsync($"43{lateId}[\"too late\"]");
        ss.Connected.ShouldBeTrue();
    }

    [Fact]
    public async Task An_empty_room_answers_at_once_with_no_answers()
    {
        await using var server = await TestServer.StartAsync();
        (await server.IO.To("nobody").EmitWithAckAsync("question", 7)).ShouldBeEmpty();
    }
}
