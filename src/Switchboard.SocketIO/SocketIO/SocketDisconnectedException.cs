namespace Switchboard.SocketIO;

/// <summary>Fails an awaited acknowledgement when the socket disconnects before the client answered.</summary>
public sealed class SocketDisconnectedException : Exception
{
    /// <summary>Creates the exception with the disconnect reason.</summary>
    public SocketDisconnectedException(string reason)
        : base($"The socket disconnected ({reason}) before the acknowledgement arrived.")
    {
        Reason = reason;
    }

    /// <summary>Why the socket disconnected (see <see cref="DisconnectReason"/>).</summary>
    public string Reason { get; }
}
