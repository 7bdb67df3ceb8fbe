using Switchboard.SocketIO.EngineIO;

namespace Switchboard.SocketIO;

/// <summary>
/// A packet encoded once for any number of recipients: the Engine.IO message frame as UTF-8 text
/// (e.g. <c>42["news",1]</c>) plus its binary attachments. A distributed adapter can ship these bytes
/// to other nodes as they are.
/// </summary>
public sealed class EncodedPacket
{
    /// <summary>Wraps the encoded packet text (UTF-8) and its binary attachments.</summary>
    public EncodedPacket(byte[] data, IReadOnlyList<byte[]>? attachments = null)
    {
        Frame = new OutboundFrame(data, false, attachments is { Count: > 0 } ? [.. attachments] : null);
    }

    internal EncodedPacket(OutboundFrame frame)
    {
        Frame = frame;
    }

    /// <summary>The packet as sent to clients (UTF-8 text of the Socket.IO packet).</summary>
    public ReadOnlyMemory<byte> Data => Frame.Data;

    /// <summary>The binary attachments that follow the packet, in order.</summary>
    public IReadOnlyList<byte[]> Attachments => Frame.Attachments ?? [];

    internal OutboundFrame Frame { get; }
}
