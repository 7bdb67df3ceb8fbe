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

    public IReadOnlyDictionary<string, StringValues> Headers { get; }

    public IReadOnlyDictionary<string, StringValues> Query { get; }

    public string Address { get; }

    public bool Secure { get; }

    public string Url { get; }

    public DateTimeOffset Time { get; }
}
