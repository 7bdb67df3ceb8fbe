namespace Switchboard.SocketIO;

/// <summary>The kinds of room-targeted operations an adapter carries.</summary>
public enum AdapterOperationKind
{
    /// <summary>Send a packet.</summary>
    Broadcast,
    /// <summary>Join rooms.</summary>
    AddRooms,
    /// <summary>Leave rooms.</summary>
    RemoveRooms,
    /// <summary>Disconnect sockets.</summary>
    DisconnectSockets,
}
