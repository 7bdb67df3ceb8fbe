namespace Switchboard.SocketIO;

/// <summary>Which sockets a room-targeted operation applies to.</summary>
public sealed class BroadcastOptions
{
    /// <summary>Every socket of the namespace, on every node.</summary>
    public static BroadcastOptions All { get; } = new(new HashSet<string>(), new HashSet<string>(), false);

    /// <summary>Creates a selection of target rooms, excluded rooms and the local flag.</summary>
    public BroadcastOptions(IReadOnlySet<string> rooms, IReadOnlySet<string> except, bool local)
    {
        Rooms = rooms;
        Except = except;
        Local = local;
    }

    /// <summary>Target rooms; empty means every socket of the namespace.</summary>
    public IReadOnlySet<string> Rooms { get; }

    /// <summary>Sockets in any of these rooms are left out.</summary>
    public IReadOnlySet<string> Except { get; }

    /// <summary>Only this node: a distributed adapter must not publish the operation.</summary>
    public bool Local { get; }

    /// <summary>
    /// A broadcast that may be lost (Node: <c>volatile</c>): a socket whose connection cannot take it at once (a
    /// long-polling client between two requests, a websocket with frames still waiting) does not get it, and it
    /// is never kept for connection state recovery.
    /// </summary>
    public bool Volatile { get; init; }
}
