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
        options.PingInterval = TimeSpan.FromMilliseconds(300);
        options.PingTimeout = TimeSpan.FromMilliseconds(200);
        options.MaxHttpBufferSize = 1_000_000;
        options.Cors = new EngineIOCorsOptions { Origins = ["*"] };
    }

    public static void ConfigureSocketIO(SocketIOOptions options)
    {
        ConfigureOptions(options);
        options.ConnectTimeout = TimeSpan.FromMilliseconds(1000);
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
            socket.On("ask-client", async e =>
            {
                var answer = await socket.EmitWithAckAsync("question", TimeSpan.FromSeconds(5), e.Args.ToArray());
                await socket.EmitAsync("answer", answer.ToArray());
            });
            socket.On("disconnect-me", e => socket.DisconnectAsync().AsTask());
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
