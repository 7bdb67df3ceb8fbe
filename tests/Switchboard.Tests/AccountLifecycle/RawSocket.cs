using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Switchboard.Tests.Realtime;

namespace Switchboard.Tests.AccountLifecycle;

/// <summary>A Socket.IO client reduced to its frames over a real WebSocket, enough to see a socket admitted and closed.</summary>
public static class RawSocket
{
    public static async Task<ClientWebSocket> ConnectAsync(IRealtimeTestApp app, string token, Guid businessId)
    {
        var uri = new UriBuilder(app.Address) { Scheme = "ws", Path = "/socket.io/", Query = "EIO=4&transport=websocket" }.Uri;
        var ws = new ClientWebSocket();
        ws.Options.KeepAliveInterval = TimeSpan.Zero;
        await ws.ConnectAsync(uri, CancellationToken.None);
        (await ReceiveAsync(ws, TimeSpan.FromSeconds(15))).ShouldStartWith("0{");
        var auth = JsonSerializer.Serialize(new { token, business_id = businessId });
        await ws.SendAsync(Encoding.UTF8.GetBytes("40" + auth), WebSocketMessageType.Text, true, CancellationToken.None);
        (await ReceiveAsync(ws, TimeSpan.FromSeconds(15))).ShouldStartWith("40{\"sid\"");
        return ws;
    }

    /// <summary>Frames heard until the server ends the socket ("41" disconnect, or the close frame), within the bound.</summary>
    public static async Task<List<string>> UntilClosedAsync(ClientWebSocket ws, TimeSpan bound)
    {
        var heard = new List<string>();
        using var timeout = new CancellationTokenSource(bound);
        while (!heard.Any(m => m is "41" or "close")) heard.Add(await ReceiveAsync(ws, timeout.Token));
        return heard;
    }

    public static async Task<string> ReceiveAsync(ClientWebSocket ws, TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        return await ReceiveAsync(ws, timeout.Token);
    }

    private static async Task<string> ReceiveAsync(ClientWebSocket ws, CancellationToken cancel)
    {
        using var message = new MemoryStream();
        var buffer = new byte[4096];
        while (true)
        {
            var result = await ws.ReceiveAsync(buffer, cancel);
            if (result.MessageType == WebSocketMessageType.Close) return "close";
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return Encoding.UTF8.GetString(message.ToArray());
        }
    }
}
