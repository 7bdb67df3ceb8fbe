using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.Time.Testing;
using Switchboard.SocketIO.EngineIO;
using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Integration;

[CollectionDefinition(nameof(MemoryUnderAttackTests), DisableParallelization = true)]
public sealed class MemoryUnderAttackCollection;

/// <summary>
/// The attacks of the security review, with the default limits, against a server whose middleware refuses
/// every CONNECT (no valid token): the managed heap while they hold what they can stays within 50 MB of idle.
/// Alone in its collection, so that no other test allocates meanwhile.
/// </summary>
[Collection(nameof(MemoryUnderAttackTests))]
public class MemoryUnderAttackTests
{
    private const long Budget = 50L * 1024 * 1024;

    [Fact]
    public async Task An_unauthenticated_attack_stays_within_50_MB_of_idle()
    {
        // Fake time: the connect timeout never fires and the handshake bucket never refills, so the
        // attack keeps everything it got until measured. The heartbeat is far away for the same reason.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(o =>
        {
            o.TimeProvider = time;
            o.PingInterval = TimeSpan.FromMinutes(10);
            o.ClientAddress = EngineIOClientAddress.IncludingLoopback; // the attacker is one address
        }, io => io.Use((_, _) => throw new SocketIOConnectionException("Not authenticated")));

        // Warm up every path once, then take the idle figure.
        var (warm, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await warm.DisposeAsync();
        await Eventually.TrueAsync(() => server.IO.Engine.ClientsCount == 0);
        var idle = Measure();

        // 1. Binary packets announcing 1,000 (then 10) attachments of 1 MB, before any namespace is
        //    connected, on 20 connections: each is closed at the header, nothing is buffered.
        var megabyte = new byte[1_000_000];
        var closed = 0;
        await Parallel.ForAsync(0, 20, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            await using var ws = await RawWebSocket.ConnectAsync(server.WebSocketUri("/socket.io/?EIO=4&transport=websocket"));
            await ws.ReceiveTextAsync();
            await ws.SendTextAsync("40{\"token\":\"forged\"}");
            (await ws.ReceiveTextAsync()).ShouldStartWith("44");
            var count = i % 2 == 0 ? 1000 : 10;
            var placeholders = string.Join(",", Enumerable.Range(0, count).Select(n => $"{{\"_placeholder\":true,\"num\":{n}}}"));
            await ws.SendTextAsync($"45{count}-[\"upload\",{placeholders}]");
            try
            {
                for (var n = 0; n < 10; n++)
                {
                    await ws.SendBinaryAsync(megabyte);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or IOException)
            {
            }

            await ws.WaitForCloseAsync();
            Interlocked.Increment(ref closed);
        });
        closed.ShouldBe(20);

        // 2. A flood of polling handshakes from the same address, each session left open.
        var accepted = 0;
        var refused = 0;
        await Parallel.ForAsync(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
        {
            using var response = await server.Http.GetAsync("/socket.io/?EIO=4&transport=polling");
            Interlocked.Increment(ref response.StatusCode == HttpStatusCode.OK ? ref accepted : ref refused);
        });

        var sessions = server.IO.Engine.ClientsCount;
        var during = Measure();
        var growth = during - idle;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"idle {idle / 1e6:F1} MB, under attack {during / 1e6:F1} MB (+{growth / 1e6:F1} MB); {sessions} sessions held, {accepted} handshakes accepted, {refused} refused");

        // The default rate (600 per minute) less the 21 WebSocket handshakes above, then refusals.
        accepted.ShouldBe(600 - 21);
        refused.ShouldBe(20_000 - accepted);
        sessions.ShouldBe(accepted);
        growth.ShouldBeLessThan(Budget);

        // The connect timeout then ends them all (polling sessions after the close delay, also on fake time).
        time.Advance(new SocketIOOptions().ConnectTimeout);
        await Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(30));
            return server.IO.Engine.ClientsCount == 0;
        }, because: "sessions outlived the connect timeout");
    }

    private static long Measure()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
