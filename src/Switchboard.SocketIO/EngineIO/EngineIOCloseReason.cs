namespace Switchboard.SocketIO.EngineIO;

/// <summary>Reasons an Engine.IO session closes; Socket.IO reports the same strings as disconnect reasons.</summary>
public static class EngineIOCloseReason
{
    public const string TransportClose = "transport close";
    public const string TransportError = "transport error";
    public const string PingTimeout = "ping timeout";
    public const string ParseError = "parse error";
    public const string ForcedClose = "forced close";
    public const string ServerShuttingDown = "server shutting down";
}
