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
    public const string ForcedClose = "forced close";

    /// <summary>
    /// Whether a socket that disconnected for this reason keeps its session for connection state recovery
    /// (Node: RECOVERABLE_DISCONNECT_REASONS): the transport went away, not the client or the server by choice.
    /// </summary>
    public static bool IsRecoverable(string reason) => reason is TransportError or TransportClose or ForcedClose
        or PingTimeout or ServerShuttingDown or ForcedServerClose;
}
