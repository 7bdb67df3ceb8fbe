using System.Net.WebSockets;
using System.Text;

namespace Switchboard.SocketIO.Tests.Support;

/// <summary>A bare WebSocket client that speaks raw Engine.IO frames, for protocol-level assertions.</summary>
public sealed class RawWebSocket : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);
    private readonly ClientWebSocket _socket = new();

    public WebSocketState State => _socket.State;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public static async Task<RawWebSocket> ConnectAsync(Uri uri)
    {
        var raw = new RawWebSocket();
        raw._socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await raw._socket.ConnectAsync(uri, CancellationToken.None);
        return raw;
    }

    /// <summary>Opens a Socket.IO session over WebSocket and connects to a namespace; returns the CONNECT ack.</summary>
    public static async Task<(RawWebSocket Socket, string ConnectAck)> ConnectSocketIOAsync(TestServer server, string connectPacket = "40")
    {
        var raw = await ConnectAsync(server.WebSocketUri("/socket.io/?EIO=4&transport=websocket"));
        (await raw.ReceiveTextAsync()).ShouldStartWith("0{");
        await raw.SendTextAsync(connectPacket);
        return (raw, await raw.ReceiveTextAsync());
    }

    /// <summary>Drops the connection without a close handshake, as a client that goes away does.</summary>
    public void Abort() => _socket.Abort();

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendBinaryAsync(byte[] data) =>
        _socket.SendAsync(data, WebSocketMessageType.Binary, true, CancellationToken.None);

    public async Task<string> ReceiveTextAsync(TimeSpan? timeout = null)
    {
        var (type, data) = await ReceiveAsync(timeout);
        type.ShouldBe(WebSocketMessageType.Text);
        return Encoding.UTF8.GetString(data);
    }

    /// <summary>Next text frame that is not an Engine.IO ping.</summary>
    public async Task<string> ReceiveTextSkippingPingsAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            var text = await ReceiveTextAsync(timeout);
            if (text != "2")
            {
                return text;
            }
        }
    }

    public async Task<byte[]> ReceiveBinaryAsync(TimeSpan? timeout = null)
    {
        var (type, data) = await ReceiveAsync(timeout);
        type.ShouldBe(WebSocketMessageType.Binary);
        return data;
    }

    public async Task<(WebSocketMessageType Type, byte[] Data)> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        while (true)
        {
            var result = await _socket.ReceiveAsync(chunk, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (WebSocketMessageType.Close, []);
            }

            buffer.Write(chunk, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, buffer.ToArray());
            }
        }
    }

    /// <summary>Reads (and discards) frames until the server closes; fails if it does not within the timeout.</summary>
    public async Task WaitForCloseAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var chunk = new byte[8192];
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(chunk, cts.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (WebSocketException)
        {
            // Aborted by the server: closed as well.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
            }
            catch (Exception)
            {
            }
        }

        _socket.Dispose();
    }
}
