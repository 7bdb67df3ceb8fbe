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

    public AdapterOperationKind Kind { get; }

    public BroadcastOptions Options { get; }

    /// <summary>The packet to deliver (Broadcast only).</summary>
    public EncodedPacket? Packet { get; }

    /// <summary>Rooms to join or leave (AddRooms / RemoveRooms only).</summary>
    public IReadOnlyList<string> Rooms { get; }

    /// <summary>Whether DisconnectSockets also closes the underlying connection.</summary>
    public bool Close { get; }

    public static AdapterOperation Broadcast(EncodedPacket packet, BroadcastOptions options) => new(AdapterOperationKind.Broadcast, options, packet, [], false);

    public static AdapterOperation AddRooms(BroadcastOptions options, IReadOnlyList<string> rooms) => new(AdapterOperationKind.AddRooms, options, null, rooms, false);

    public static AdapterOperation RemoveRooms(BroadcastOptions options, IReadOnlyList<string> rooms) => new(AdapterOperationKind.RemoveRooms, options, null, rooms, false);

    public static AdapterOperation DisconnectSockets(BroadcastOptions options, bool close) => new(AdapterOperationKind.DisconnectSockets, options, null, [], close);
}
