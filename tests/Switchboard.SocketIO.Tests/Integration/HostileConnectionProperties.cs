using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Integration;

/// <summary>
/// Random, malformed and truncated frames over real WebSocket connections to a real server: whatever a client
/// sends, no exception escapes the library (nothing is logged with an exception or at Error), every hostile
/// session ends and is released, and the server still serves a well-behaved client afterwards.
/// </summary>
public class HostileConnectionProperties
{
    private static readonly Gen<string[]> Messages = Gen.Frequency(
        (6, HostileFrames.SocketIOTextOrNoise.Select(t => "4" + t)),
        (2, HostileFrames.EngineIOText),
        (2, HostileFrames.Binary.Select(b => "\0bin" + Convert.ToBase64String(b)))).Array[1, 12];

    [Fact]
    public async Task No_sequence_of_frames_throws_out_of_the_library_or_leaves_a_session_behind()
    {
        var errors = new ErrorLog();
        await using var server = await TestServer.StartAsync(
            o =>
            {
                o.MaxHttpBufferSize = 4_000;
                o.MaxAttachments = 3;
            },
            io =>
            {
                io.OnConnection(s => s.On("ev", e => e.AckAsync(e.Args.Count)));
                io.Of("/admin").OnConnection(s => s.On("ev", e => e.AckAsync(e.Args.Count)));
            },
            services => services.AddSingleton<ILoggerProvider>(errors));

        using var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        guard.CancelAfter(TimeSpan.FromMinutes(3));
        await Check.SampleAsync(Messages, async messages =>
        {
            var (socket, ack) = await RawWebSocket.ConnectSocketIOAsync(server, messages.Length % 2 == 0 ? "40" : "40/admin,");
            await using var _ = socket;
            ack.ShouldStartWith("40");
            try
            {
                foreach (var message in messages)
                {
                    if (message.StartsWith("\0bin", StringComparison.Ordinal))
                    {
                        await socket.SendBinaryAsync(Convert.FromBase64String(message[4..]));
                    }
                    else
                    {
                        await socket.SendTextAsync(message);
                    }
                }
            }
            catch (System.Net.WebSockets.WebSocketException)
            {
                // The server closed the connection on a frame it refused: the expected end of most samples.
            }
        }, iter: 60, threads: 1).WaitAsync(guard.Token);

        // Every hostile session is released (closed by the server, or when the client went away).
        await Eventually.TrueAsync(() => server.IO.Engine.ClientsCount == 0, because: "every hostile session to end");
        errors.Entries.ShouldBeEmpty();

        // And the server still serves a well-behaved client.
        var (client, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var __ = client;
        await client.SendTextAsync("421[\"ev\",1,2]");
        (await client.ReceiveTextSkippingPingsAsync()).ShouldBe("431[2]");
    }
}
