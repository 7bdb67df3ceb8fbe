using System.Net.Sockets;
using System.Text;
using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Integration;

public class BackpressureTests
{
    [Fact]
    public async Task A_client_that_stops_reading_is_disconnected_without_holding_up_the_others()
    {
        var reasons = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        await using var server = await TestServer.StartAsync(o => o.MaxBufferedPackets = 64, io => io.OnConnection(s => s.OnDisconnect(r => reasons[s.Id] = r)));

        // A raw TCP client that completes the WebSocket handshake and CONNECT, then never reads again.
        using var stalled = new TcpClient();
        stalled.ReceiveBufferSize = 1024;
        await stalled.ConnectAsync("127.0.0.1", server.BaseUri.Port);
        var stream = stalled.GetStream();
        var handshake = "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(handshake));
        _ = await stream.ReadAsync(new byte[4096]); // the 101 response; its content does not matter
        await stream.WriteAsync(MaskedTextFrame("40"));
        await Eventually.TrueAsync(() => server.IO.Sockets.Sockets.Count == 1);
        var stalledId = server.IO.Sockets.Sockets.Keys.Single();

        var (healthy, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var _h = healthy;

        // Paced so the healthy client always keeps up: only the stalled one can fill its queue.
        var payload = new string('x', 16 * 1024);
        var sent = 0;
        for (var batch = 0; batch < 1000 && !reasons.ContainsKey(stalledId); batch++)
        {
            for (var i = 0; i < 16; i++, sent++)
            {
                await server.IO.EmitAsync("flood", payload);
            }

            for (var i = 0; i < 16; i++)
            {
                (await healthy.ReceiveTextAsync(TimeSpan.FromSeconds(5))).ShouldStartWith("42[\"flood\"");
            }
        }

        await Eventually.TrueAsync(() => reasons.ContainsKey(stalledId), TimeSpan.FromSeconds(5), "the stalled client was never disconnected");
        reasons[stalledId].ShouldBe("transport error");
        server.IO.Sockets.Sockets.Count.ShouldBe(1);

        // The healthy client got every packet and is still served.
        await server.IO.EmitAsync("after", sent);
        (await healthy.ReceiveTextAsync()).ShouldBe($"42[\"after\",{sent}]");
    }

    private static byte[] MaskedTextFrame(string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var frame = new byte[6 + payload.Length];
        frame[0] = 0x81;
        frame[1] = (byte)(0x80 | payload.Length);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[6 + i] = payload[i];
        }

        return frame;
    }
}
