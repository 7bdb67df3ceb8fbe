namespace Switchboard.SocketIO;

/// <summary>
/// A room-targeted operation, in a form a distributed adapter can serialize and replay on other
/// nodes: the encoded packet bytes, the rooms and the exceptions travel as they are.
/// </summary>
public sealed class AdapterOperation
{
    private AdapterOperation(AdapterOperationKind kind, BroadcastOptions options, EncodedPacket? packet, IReadOnlyList<string> rooms, bool close)
    {
        Kind = kind;
        Options = options;
        Packet = packet;
        Rooms = rooms;
        Close = close;
    }

    /// <summary>What the operation does.</summary>
    public AdapterOperationKind Kind { get; }

    /// <summary>Which sockets it applies to.</summary>
    public BroadcastOptions Options { get; }

    /// <summary>The packet to deliver (Broadcast only).</summary>
    public EncodedPacket? Packet { get; }

    /// <summary>Rooms to join or leave (AddRooms / RemoveRooms only).</summary>
    public IReadOnlyList<string> Rooms { get; }

    /// <summary>Whether DisconnectSockets also closes the underlying connection.</summary>
    public bool Close { get; }

    /// <summary>Sends an encoded packet to the selected sockets.</summary>
    public static AdapterOperation Broadcast(EncodedPacket packet, BroadcastOptions options) => new(AdapterOperationKind.Broadcast, options, packet, [], false);

    /// <summary>Makes the selected sockets join rooms.</summary>
    public static AdapterOperation AddRooms(BroadcastOptions options, IReadOnlyList<string> rooms) => new(AdapterOperationKind.AddRooms, options, null, rooms, false);

    /// <summary>Makes the selected sockets leave rooms.</summary>
    public static AdapterOperation RemoveRooms(BroadcastOptions options, IReadOnlyList<string> rooms) => new(AdapterOperationKind.RemoveRooms, options, null, rooms, false);

    /// <summary>Disconnects the selected sockets (with <paramref name="close"/>, their whole connection).</summary>
    public static AdapterOperation DisconnectSockets(BroadcastOptions options, bool close) => new(AdapterOperationKind.DisconnectSockets, options, null, [], close);
}
