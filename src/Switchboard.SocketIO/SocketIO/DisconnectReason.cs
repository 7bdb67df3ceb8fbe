namespace Switchboard.SocketIO;

/// <summary>The reasons passed to <c>socket.OnDisconnect</c>, as in the Node server.</summary>
public static class DisconnectReason
{
    public const string ClientNamespaceDisconnect = "client namespace disconnect";
    public const string ServerNamespaceDisconnect = "server namespace disconnect";
    public const string TransportClose = "transport close";
    public const string TransportError = "transport error";
    public const string PingTimeout = "ping timeout";
    public const string ParseError = "parse error";
    public const string ForcedServerClose = "forced server close";
    public const string ServerShuttingDown = "server shutting down";
}
