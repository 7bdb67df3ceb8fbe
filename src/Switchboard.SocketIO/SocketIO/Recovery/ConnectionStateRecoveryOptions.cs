namespace Switchboard.SocketIO;

/// <summary>
/// Connection state recovery (Node: <c>connectionStateRecovery</c>, socket.io 4.6+). After a disconnect for a
/// transport reason, the client reconnects with its private session id and the offset of the last event it
/// saw; within <see cref="MaxDisconnectionDuration"/> the server restores the socket's id, rooms and data and
/// replays the events it missed, and the client sees <c>socket.recovered === true</c>.
/// </summary>
public sealed class ConnectionStateRecoveryOptions
{
    /// <summary>How long a disconnected session and the packets it may miss are kept (Node default: 2 minutes).</summary>
    public TimeSpan MaxDisconnectionDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Whether a recovered socket skips the namespace's middlewares (Node default: true). Set it to false when a
    /// middleware must check the credentials again (a token may have been revoked meanwhile) or must put
    /// typed values into <see cref="Socket.Data"/> (a session restored from Redis carries plain values).
    /// </summary>
    public bool SkipMiddlewares { get; set; } = true;
}
