using System.Text;

namespace Switchboard.SocketIO.EngineIO;

/// <summary>
/// One unit of the per-connection send queue. Text frames hold the complete Engine.IO encoding
/// (type character included) as UTF-8 so a broadcast can share the same bytes with every socket;
/// a Socket.IO binary packet carries its attachments here so that they are queued atomically with
/// their header and never interleave with another sender's packet.
/// </summary>
internal readonly struct OutboundFrame
{
    public OutboundFrame(byte[] data, bool isBinary, byte[][]? attachments = null, bool isCloseMarker = false, bool deliverAlone = false)
    {
        Data = data;
        IsBinary = isBinary;
        Attachments = attachments;
        IsCloseMarker = isCloseMarker;
        DeliverAlone = deliverAlone;
    }

    public byte[] Data { get; }

    public bool IsBinary { get; }

    public byte[][]? Attachments { get; }

    /// <summary>Ends the transport after everything queued before it has been written.</summary>
    public bool IsCloseMarker { get; }

    /// <summary>
    /// Asks the WebSocket writer to let this frame reach the client before writing the next one, as the
    /// Node server does by waiting for each write's callback. Used for namespace CONNECT acks: some
    /// clients attach a listener per message and would miss a packet that shares a TCP read with the ack.
    /// </summary>
    public bool DeliverAlone { get; }

    public static readonly OutboundFrame Ping = Control(EngineIOPacketType.Ping);
    public static readonly OutboundFrame Pong = Control(EngineIOPacketType.Pong);
    public static readonly OutboundFrame Noop = Control(EngineIOPacketType.Noop);
    public static readonly OutboundFrame Close = new([(byte)'1'], false, null, isCloseMarker: true);
    public static readonly byte[] PongProbe = "3probe"u8.ToArray();

    public static OutboundFrame Text(EngineIOPacketType type, string? data)
    {
        var length = 1 + (data is null ? 0 : Encoding.UTF8.GetByteCount(data));
        var bytes = new byte[length];
        bytes[0] = (byte)('0' + (int)type);
        if (data is not null)
        {
            Encoding.UTF8.GetBytes(data, bytes.AsSpan(1));
        }

        return new OutboundFrame(bytes, false);
    }

    public static OutboundFrame Binary(ReadOnlySpan<byte> data) => new(data.ToArray(), true);

    private static OutboundFrame Control(EngineIOPacketType type) => new([(byte)('0' + (int)type)], false);
}
