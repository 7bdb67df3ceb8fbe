namespace Switchboard.SocketIO;

/// <summary>An event received from a client, with its arguments and, if the client asked for one, its acknowledgement.</summary>
public sealed class SocketIOEvent
{
    private readonly int? _ackId;
    private int _acknowledged;

    internal SocketIOEvent(Socket socket, string name, SocketIOArgs args, int? ackId)
    {
        Socket = socket;
        Name = name;
        Args = args;
        _ackId = ackId;
    }

    /// <summary>The socket the event came from.</summary>
    public Socket Socket { get; }

    /// <summary>The event name.</summary>
    public string Name { get; }

    /// <summary>The event's arguments.</summary>
    public SocketIOArgs Args { get; }

    /// <summary>Whether the client is waiting for an acknowledgement.</summary>
    public bool HasAck => _ackId.HasValue;

    /// <summary>Sends the acknowledgement (once; later calls are ignored). byte[] arguments are sent as binary.</summary>
    public ValueTask AckAsync(params object?[] args)
    {
        if (_ackId is not { } id || Interlocked.Exchange(ref _acknowledged, 1) == 1)
        {
            return ValueTask.CompletedTask;
        }

        Socket.SendAck(id, args);
        return ValueTask.CompletedTask;
    }
}
