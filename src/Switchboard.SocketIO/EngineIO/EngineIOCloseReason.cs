namespace Switchboard.SocketIO.EngineIO;

/// <summary>Reasons an Engine.IO session closes; Socket.IO reports the same strings as disconnect reasons.</summary>
public static class EngineIOCloseReason
{
    /// <summary>The client closed the transport (Engine.IO "transport close").</summary>
    public const string TransportClose = "transport close";
    /// <summary>The transport failed: a read or write error, or an oversized message ("transport error").</summary>
    public const string TransportError = "transport error";
    /// <summary>No pong arrived within the ping timeout ("ping timeout").</summary>
    public const string PingTimeout = "ping timeout";
    /// <summary>The client sent a packet that does not parse ("parse error").</summary>
    public const string ParseError = "parse error";
    /// <summary>The server closed the session on purpose ("forced close").</summary>
    public const string ForcedClose = "forced close";
    /// <summary>The application is stopping ("server shutting down").</summary>
    public const string ServerShuttingDown = "server shutting down";
}
