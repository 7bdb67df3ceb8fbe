using System.Text.Json;
using Microsoft.Extensions.Primitives;
using Switchboard.SocketIO.EngineIO;

namespace Switchboard.SocketIO;

/// <summary>What the client sent when it connected (Node: socket.handshake).</summary>
public sealed class SocketHandshake
{
    internal SocketHandshake(EngineIORequestInfo request, JsonElement auth)
    {
        Auth = auth;
        Headers = request.Headers;
        Query = request.Query;
        Address = request.RemoteAddress;
        Secure = request.IsHttps;
        Url = request.Url;
        Time = request.Time;
    }

    /// <summary>The CONNECT packet's payload (<c>{}</c> when the client sent none).</summary>
    public JsonElement Auth { get; }

    /// <summary>The request headers of the connection's handshake.</summary>
    public IReadOnlyDictionary<string, StringValues> Headers { get; }

    /// <summary>The query parameters of the connection's handshake.</summary>
    public IReadOnlyDictionary<string, StringValues> Query { get; }

    /// <summary>The client's address.</summary>
    public string Address { get; }

    /// <summary>Whether the connection came over HTTPS.</summary>
    public bool Secure { get; }

    /// <summary>The handshake's path and query.</summary>
    public string Url { get; }

    /// <summary>When the connection was made.</summary>
    public DateTimeOffset Time { get; }
}
