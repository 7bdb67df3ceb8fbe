namespace Switchboard.SocketIO;

/// <summary>The reasons passed to <c>socket.OnDisconnect</c>, as in the Node server.</summary>
public static class DisconnectReason
{
    /// <summary>The client left the namespace (<c>socket.disconnect()</c> on the client).</summary>
    public const string ClientNamespaceDisconnect = "client namespace disconnect";
    /// <summary>The server disconnected the socket (<see cref="Socket.DisconnectAsync"/>).</summary>
    public const string ServerNamespaceDisconnect = "server namespace disconnect";
    /// <summary>The client closed the connection.</summary>
    public const string TransportClose = "transport close";
    /// <summary>The connection failed.</summary>
    public const string TransportError = "transport error";
    /// <summary>The client stopped answering pings.</summary>
    public const string PingTimeout = "ping timeout";
    /// <summary>The client sent a packet that does not parse.</summary>
    public const string ParseError = "parse error";
    /// <summary>The server closed the whole connection (<c>DisconnectAsync(close: true)</c>).</summary>
    public const string ForcedServerClose = "forced server close";
    /// <summary>The application is stopping.</summary>
    public const string ServerShuttingDown = "server shutting down";
    /// <summary>The Engine.IO session was closed by the server.</summary>
    public const string ForcedClose = "forced close";

    /// <summary>
    /// Whether a socket that disconnected for this reason keeps its session for connection state recovery
    /// (Node: RECOVERABLE_DISCONNECT_REASONS): the transport went away, not the client or the server by choice.
    /// </summary>
    public static bool IsRecoverable(string reason) => reason is TransportError or TransportClose or ForcedClose
        or PingTimeout or ServerShuttingDown or ForcedServerClose;
}
