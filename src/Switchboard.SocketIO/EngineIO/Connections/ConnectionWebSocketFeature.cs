using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Switchboard.SocketIO.EngineIO.Connections;

/// <summary>
/// The WebSocket feature of a request the connection handler serves: accepting writes the 101 answer straight to
/// the connection and frames with the BCL's WebSocket over the connection's own pipes, with no HTTP request kept
/// under it. The Engine.IO server calls it exactly as it calls ASP.NET Core's WebSocket middleware.
/// </summary>
internal sealed class ConnectionWebSocketFeature(ConnectionContext connection, DefaultHttpContext context, string key, EngineIOServer engine) : IHttpWebSocketFeature
{
    public bool IsWebSocketRequest => true;

    /// <summary>Whether the 101 went out: once it has, the connection speaks WebSocket and nothing else may be written.</summary>
    public bool Accepted { get; private set; }

    /// <summary>
    /// The accepted WebSocket's life, handed over by the Engine.IO server instead of awaited inside the request, so
    /// that the handshake's state machines end when the handshake does; the connection handler awaits it.
    /// </summary>
    public Task? Life { get; set; }

    public async Task<WebSocket> AcceptAsync(WebSocketAcceptContext acceptContext)
    {
        if (Accepted)
        {
            throw new InvalidOperationException("The WebSocket was already accepted.");
        }

        Accepted = true;
        var head = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: ")
            .Append(AcceptKey(key)).Append("\r\n");
        // Headers the server set before accepting (CORS) go out with the 101, as they do on the HTTP path.
        foreach (var (name, values) in context.Response.Headers)
        {
            foreach (var value in values)
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        head.Append("\r\n");
        // The request (its headers, features and the context's caches) is not used once the WebSocket is
        // accepted (the server took what it needs before): let it go instead of keeping it under the WebSocket.
        context.Uninitialize();
        await connection.Transport.Output.WriteAsync(Encoding.ASCII.GetBytes(head.ToString())).ConfigureAwait(false);
        engine.CountConnectionHandlerWebSocket();
        return WebSocket.CreateFromStream(new DuplexPipeStream(connection.Transport), new WebSocketCreationOptions
        {
            IsServer = true,
            KeepAliveInterval = acceptContext.KeepAliveInterval ?? TimeSpan.Zero,
        });
    }

    /// <summary>RFC 6455 §4.2.2: base64(SHA-1(key + GUID)).</summary>
    internal static string AcceptKey(string key)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"), hash);
        return Convert.ToBase64String(hash);
    }

    /// <summary>What ASP.NET Core's WebSocket middleware requires of the key: base64 of 16 bytes.</summary>
    internal static bool IsValidKey(string key)
    {
        Span<byte> bytes = stackalloc byte[16];
        return key.Length == 24 && Convert.TryFromBase64String(key, bytes, out var written) && written == 16;
    }
}
