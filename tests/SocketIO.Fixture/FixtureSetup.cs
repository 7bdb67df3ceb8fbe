using Switchboard.SocketIO;
using Switchboard.SocketIO.EngineIO;

namespace SocketIO.Fixture;

/// <summary>
/// The reference setup expected by the Engine.IO v4 and Socket.IO v5 protocol test suites, plus a
/// few extra events and namespaces used by the end-to-end tests (none of which the suites touch).
/// </summary>
public static class FixtureSetup
{
    public static void ConfigureOptions(EngineIOOptions options)
    {
        // Short for the protocol suites, which test heartbeats; the recovery and interop tests keep the defaults
        // (25 s / 20 s) so that a loaded machine does not turn into ping timeouts.
        if (Environment.GetEnvironmentVariable("FIXTURE_DEFAULT_PINGS") != "1")
        {
            options.PingInterval = TimeSpan.FromMilliseconds(300);
            options.PingTimeout = TimeSpan.FromMilliseconds(200);
        }

        options.MaxHttpBufferSize = 1_000_000;
        options.Cors = new EngineIOCorsOptions { Origins = ["*"] };
    }

    public static void ConfigureSocketIO(SocketIOOptions options)
    {
        ConfigureOptions(options);
        options.ConnectTimeout = TimeSpan.FromMilliseconds(1000);

        // Off for the protocol suites (it adds "pid" to CONNECT and an offset to events); the recovery tests turn it on.
        if (int.TryParse(Environment.GetEnvironmentVariable("FIXTURE_RECOVERY_MS"), out var recoveryMs))
        {
            options.ConnectionStateRecovery = new ConnectionStateRecoveryOptions { MaxDisconnectionDuration = TimeSpan.FromMilliseconds(recoveryMs) };
        }
    }

    /// <summary>Engine.IO endpoint that echoes every message, text or binary.</summary>
    public static Task EchoAsync(EngineIOSocket socket)
    {
        socket.OnMessage(message => message.Binary is { } binary ? socket.SendAsync(binary) : socket.SendAsync(message.Text ?? string.Empty));
        return Task.CompletedTask;
    }

    public static void ConfigureServer(SocketIOServer io)
    {
        io.OnConnection(async socket =>
        {
            await socket.EmitAsync("auth", socket.Handshake.Auth);

            socket.On("message", e => socket.EmitAsync("message-back", e.Args.ToArray()).AsTask());
            socket.On("message-with-ack", e => e.AckAsync(e.Args.ToArray()).AsTask());

            // Extras for the end-to-end tests.
            socket.On("join", async e =>
            {
                await socket.JoinAsync(e.Args.GetString(0)!);
                await e.AckAsync("joined");
            });
            socket.On("broadcast", e => io.To(e.Args.GetString(0)!).EmitAsync("broadcast", e.Args.ToArray()[1..]).AsTask());
            socket.On("broadcast-volatile", e => io.To(e.Args.GetString(0)!).Volatile.EmitAsync("broadcast", e.Args.ToArray()[1..]).AsTask());
            socket.On("ask-client", async e =>
            {
                var answer = await socket.EmitWithAckAsync("question", TimeSpan.FromSeconds(5), e.Args.ToArray());
                await socket.EmitAsync("answer", answer.ToArray());
            });
            socket.On("disconnect-me", e => socket.DisconnectAsync().AsTask());

            // Recovery tests: whether this socket was recovered, and a numbered stream of events to a room.
            // Interop tests: the cluster API across Switchboard and Node.js servers.
            socket.On("fetch-all", async e =>
            {
                var sockets = await io.FetchClusterSocketsAsync(TimeSpan.FromSeconds(3));
                await e.AckAsync((object)sockets.Select(s => s.Id).Order(StringComparer.Ordinal).ToArray());
            });
            // A broadcast with acknowledgements to a room, on every node: the first argument of each answer, sorted,
            // or on a timeout what did arrive and how many sockets were asked.
            socket.On("ask-room", async e =>
            {
                try
                {
                    var answers = await io.To(e.Args.GetString(0)!).Timeout(TimeSpan.FromMilliseconds(e.Args.Get<int>(1)))
                        .EmitWithAckAsync("question", e.Args.ToArray()[2..]);
                    await e.AckAsync(new { answers = answers.Select(a => a.GetJson(0).ToString()).Order(StringComparer.Ordinal).ToArray() });
                }
                catch (BroadcastAckTimeoutException timeout)
                {
                    await e.AckAsync(new { timeout = true, expected = timeout.Expected, answers = timeout.Answers.Select(a => a.GetJson(0).ToString()).Order(StringComparer.Ordinal).ToArray() });
                }
            });
            socket.On("all-rooms", async e =>
            {
                try
                {
                    var rooms = await io.Sockets.AllRoomsAsync(TimeSpan.FromSeconds(3));
                    await e.AckAsync((object)rooms.Order(StringComparer.Ordinal).ToArray());
                }
                catch (NotSupportedException error)
                {
                    await e.AckAsync(new { error = error.Message });
                }
            });
            socket.On("ask-servers", async e =>
            {
                var answers = await io.ServerSideEmitWithAckAsync("hello-node", TimeSpan.FromSeconds(3), e.Args.ToArray());
                await e.AckAsync(answers.ToArray());
            });
            socket.On("tell-servers", e => io.ServerSideEmitAsync("note", e.Args.ToArray()).AsTask());
            socket.On("sockets-join", e => io.In(e.Args.GetString(0)!).SocketsJoinAsync(e.Args.GetString(1)!).AsTask());
            socket.On("disconnect-sockets", e => io.In(e.Args.GetString(0)!).DisconnectSocketsAsync().AsTask());

            socket.On("recovered", e => e.AckAsync(new { recovered = socket.Recovered, id = socket.Id }).AsTask());
            socket.On("sequence", async e =>
            {
                var room = e.Args.GetString(0)!;
                var from = e.Args.Get<int>(1);
                var count = e.Args.Get<int>(2);
                var gapMs = e.Args.Get<int>(3);
                for (var i = from; i < from + count; i++)
                {
                    await io.To(room).EmitAsync("seq", i);
                    if (gapMs > 0)
                    {
                        await Task.Delay(gapMs);
                    }
                }

                await e.AckAsync("done");
            });
        });

        io.OnServerSideEmit(async e =>
        {
            if (e.Name == "hello")
            {
                await e.AckAsync("dotnet:" + e.Args.GetJson(0).GetRawText());
            }
            else if (e.Name == "note")
            {
                await io.EmitAsync("note", e.Args.ToArray());
            }
        });

        io.Of("/custom").OnConnection(socket => socket.EmitAsync("auth", socket.Handshake.Auth).AsTask());

        var secure = io.Of("/secure");
        secure.Use((socket, next) =>
        {
            var auth = socket.Handshake.Auth;
            if (auth.ValueKind != System.Text.Json.JsonValueKind.Object
                || !auth.TryGetProperty("token", out var token) || token.GetString() != "secret")
            {
                throw new SocketIOConnectionException("not authorized", new { code = 401 });
            }

            socket.Data["user"] = "alice";
            return next();
        });
        secure.OnConnection(socket =>
        {
            socket.On("whoami", e => e.AckAsync(socket.Data["user"]).AsTask());
        });
    }
}
