using System.Text.Json;
using Switchboard.SocketIO.EngineIO;
using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Integration;

/// <summary>
/// A broadcast queues its frame into every recipient's send queue and then wakes the idle senders
/// <see cref="BroadcastFanOut.BatchSize"/> at a time. These rooms span several batches (and a partial last one),
/// so a sender woken twice, never, or out of turn shows up as a lost, doubled or reordered frame at a real client.
/// Every test ends with a broadcast to everyone ("end"): a client's next frame after what it expects must be that,
/// which is how "exactly once" is observed without waiting for silence.
/// </summary>
public class BroadcastBatchTests
{
    private const int Members = (BroadcastFanOut.BatchSize * 2) + 7;

    private static async Task<List<(RawWebSocket Ws, Socket Socket)>> ConnectAsync(TestServer server, int count)
    {
        var clients = new List<(RawWebSocket, Socket)>(count);
        for (var i = 0; i < count; i++)
        {
            var (ws, ack) = await RawWebSocket.ConnectSocketIOAsync(server);
            var id = JsonDocument.Parse(ack[2..]).RootElement.GetProperty("sid").GetString()!;
            clients.Add((ws, server.IO.Sockets.Sockets[id]));
        }

        return clients;
    }

    private static async Task DisposeAllAsync(List<(RawWebSocket Ws, Socket Socket)> clients)
    {
        foreach (var (ws, _) in clients)
        {
            await ws.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_room_of_several_batches_gets_every_broadcast_once_in_order_with_direct_emits_between()
    {
        await using var server = await TestServer.StartAsync();
        var clients = await ConnectAsync(server, Members);
        try
        {
            foreach (var (_, socket) in clients)
            {
                await socket.JoinAsync("room");
            }

            for (var k = 0; k < 5; k++)
            {
                await server.IO.To("room").EmitAsync("b", k);
                foreach (var (_, socket) in clients)
                {
                    await socket.EmitAsync("d", k);
                }
            }

            await server.IO.EmitAsync("end");

            string[] expected = [.. Enumerable.Range(0, 5).SelectMany(k => new[] { $"42[\"b\",{k}]", $"42[\"d\",{k}]" }), "42[\"end\"]"];
            await Task.WhenAll(clients.Select(async c =>
            {
                var received = new List<string>();
                foreach (var _ in expected)
                {
                    received.Add(await c.Ws.ReceiveTextSkippingPingsAsync());
                }

                received.ShouldBe(expected);
            }));
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    [Fact]
    public async Task Several_rooms_and_except_across_batch_boundaries_reach_each_chosen_socket_once()
    {
        await using var server = await TestServer.StartAsync();
        var clients = await ConnectAsync(server, Members);
        try
        {
            // "a": the first 100 and every even one; "b": 50 onwards (overlapping "a"); "x": every third, left out.
            bool InA(int i) => i < 100 || i % 2 == 0;
            bool InB(int i) => i >= 50;
            bool InX(int i) => i % 3 == 0;
            for (var i = 0; i < clients.Count; i++)
            {
                var socket = clients[i].Socket;
                if (InA(i))
                {
                    await socket.JoinAsync("a");
                }

                if (InB(i))
                {
                    await socket.JoinAsync("b");
                }

                if (InX(i))
                {
                    await socket.JoinAsync("x");
                }
            }

            await server.IO.To(["a", "b"]).Except("x").EmitAsync("m");
            await server.IO.EmitAsync("end");

            await Task.WhenAll(clients.Select(async (c, i) =>
            {
                if ((InA(i) || InB(i)) && !InX(i))
                {
                    (await c.Ws.ReceiveTextSkippingPingsAsync()).ShouldBe("42[\"m\"]", $"socket {i}");
                }

                (await c.Ws.ReceiveTextSkippingPingsAsync()).ShouldBe("42[\"end\"]", $"socket {i}");
            }));
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    [Fact]
    public async Task Sockets_leaving_or_dropping_out_during_broadcasts_get_an_unbroken_prefix_and_the_rest_get_all()
    {
        const int Broadcasts = 30;
        await using var server = await TestServer.StartAsync();
        var clients = await ConnectAsync(server, Members);
        try
        {
            foreach (var (_, socket) in clients)
            {
                await socket.JoinAsync("room");
            }

            await server.IO.To("room").EmitAsync("n", 0);
            var broadcasting = Task.Run(async () =>
            {
                for (var k = 1; k < Broadcasts; k++)
                {
                    await server.IO.To("room").EmitAsync("n", k);
                }
            });

            // Meanwhile every odd socket leaves the room, and every tenth even one goes away altogether.
            var leaving = Task.Run(async () =>
            {
                for (var i = 1; i < clients.Count; i += 2)
                {
                    await clients[i].Socket.LeaveAsync("room");
                }
            });
            for (var i = 0; i < clients.Count; i += 20)
            {
                clients[i].Ws.Abort();
            }

            await Task.WhenAll(broadcasting, leaving);
            await server.IO.EmitAsync("end");

            await Task.WhenAll(clients.Select(async (c, i) =>
            {
                if (i % 20 == 0)
                {
                    return;
                }

                var seen = new List<int>();
                while (true)
                {
                    var frame = await c.Ws.ReceiveTextSkippingPingsAsync();
                    if (frame == "42[\"end\"]")
                    {
                        break;
                    }

                    frame.ShouldStartWith("42[\"n\",", customMessage: $"socket {i}");
                    seen.Add(int.Parse(frame["42[\"n\",".Length..^1], System.Globalization.CultureInfo.InvariantCulture));
                }

                var stayed = i % 2 == 0;
                seen.ShouldBe(Enumerable.Range(0, stayed ? Broadcasts : seen.Count), $"socket {i}");
                seen.ShouldNotBeEmpty();
            }));

            // The others did not suffer from the ones that went away.
            clients.Where((_, i) => i % 20 != 0).ShouldAllBe(c => c.Socket.Connected);
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    [Fact]
    public async Task A_parked_long_poll_among_websockets_of_a_batch_is_answered_and_a_poll_between_requests_finds_the_frames_queued()
    {
        await using var server = await TestServer.StartAsync();
        var clients = await ConnectAsync(server, BroadcastFanOut.BatchSize + 1);
        string Poll(string sid) => $"/socket.io/?EIO=4&transport=polling&sid={sid}";
        async Task<string> PollingMemberAsync()
        {
            var sid = await server.OpenPollingSessionAsync("/socket.io/");
            await server.Http.PostAsync(Poll(sid), new StringContent("40"));
            var ack = await server.Http.GetStringAsync(Poll(sid));
            ack.ShouldStartWith("40{\"sid\":");
            await server.IO.Sockets.Sockets[JsonDocument.Parse(ack[2..]).RootElement.GetProperty("sid").GetString()!].JoinAsync("room");
            return sid;
        }

        try
        {
            foreach (var (_, socket) in clients)
            {
                await socket.JoinAsync("room");
            }

            var parked = await PollingMemberAsync();
            var between = await PollingMemberAsync();

            // One GET held open (its wake-up goes to a batch), the other session with no GET at all.
            var open = server.Http.GetStringAsync(Poll(parked));
            await server.PollParkedAsync(parked);
            await server.IO.To("room").EmitAsync("m", 1);
            await server.IO.To("room").EmitAsync("m", 2);

            // The woken GET carries the first broadcast, and the second too if it was queued by then.
            var packets = (await Eventually.WithinAsync(open)).Split('\u001e').ToList();
            if (packets.Count == 1)
            {
                packets.AddRange((await server.Http.GetStringAsync(Poll(parked))).Split('\u001e'));
            }

            packets.ShouldBe(["42[\"m\",1]", "42[\"m\",2]"]);
            (await server.Http.GetStringAsync(Poll(between))).Split('\u001e').ShouldBe(["42[\"m\",1]", "42[\"m\",2]"]);
            await Task.WhenAll(clients.Select(async c =>
            {
                (await c.Ws.ReceiveTextSkippingPingsAsync()).ShouldBe("42[\"m\",1]");
                (await c.Ws.ReceiveTextSkippingPingsAsync()).ShouldBe("42[\"m\",2]");
            }));
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    [Fact]
    public async Task A_broadcast_ack_to_a_room_of_several_batches_is_encoded_once_and_collects_every_answer()
    {
        await using var server = await TestServer.StartAsync();
        var clients = await ConnectAsync(server, Members);
        try
        {
            foreach (var (_, socket) in clients)
            {
                await socket.JoinAsync("room");
            }

            // A socket's own pending ack must not be confused with the broadcast's.
            var own = clients[0].Socket.EmitWithAckAsync("own", TimeSpan.FromSeconds(10));
            var ownFrame = await clients[0].Ws.ReceiveTextSkippingPingsAsync();

            var answers = server.IO.To("room").Timeout(TimeSpan.FromSeconds(10)).EmitWithAckAsync("question", 7);
            var frames = await Task.WhenAll(clients.Select(async (c, i) =>
            {
                var frame = await c.Ws.ReceiveTextSkippingPingsAsync();
                var id = frame[2..frame.IndexOf('[', StringComparison.Ordinal)];
                await c.Ws.SendTextAsync($"43{id}[{i}]");
                return frame;
            }));

            var list = await answers.WaitAsync(TimeSpan.FromSeconds(10));
            list.Select(args => args.Get<int>(0)).Order().ShouldBe(Enumerable.Range(0, Members));

            // One encoding: the same bytes (and so the same ack id) went to every socket.
            frames.Distinct().Count().ShouldBe(1);
            frames[0].ShouldMatch("^42\\d+\\[\"question\",7\\]$");

            own.IsCompleted.ShouldBeFalse();
            await clients[0].Ws.SendTextAsync($"43{ownFrame[2..ownFrame.IndexOf('[', StringComparison.Ordinal)]}[\"mine\"]");
            (await own.WaitAsync(TimeSpan.FromSeconds(10))).GetString(0).ShouldBe("mine");
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }
}
