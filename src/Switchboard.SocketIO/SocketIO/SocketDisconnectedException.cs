namespace Switchboard.SocketIO;

/// <summary>Fails an awaited acknowledgement when the socket disconnects before the client answered.</summary>
public sealed class SocketDisconnectedException : Exception
{
    public SocketDisconnectedException(string reason)
        : base($"The socket disconnected ({reason}) before the acknowledgement arrived.")
    {
        Reason = reason;
    }

    public string Reason { get; }
}
