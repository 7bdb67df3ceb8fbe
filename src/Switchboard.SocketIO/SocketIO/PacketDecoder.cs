using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Switchboard.SocketIO;

/// <summary>
/// Per-connection decoder state: a binary packet arrives as its text header followed by one
/// Engine.IO binary message per attachment. The header may announce at most <c>maxAttachments</c>,
/// and the header plus its attachments may add up to at most <c>maxPacketBytes</c>, so one packet
/// never makes the server hold more than that.
/// </summary>
internal sealed class PacketDecoder
{
    private readonly int _maxAttachments;
    private readonly long _maxPacketBytes;
    private SocketIOPacket? _pending;
    private List<byte[]>? _buffers;
    private long _pendingBytes;

    public PacketDecoder(int maxAttachments = SocketIOParser.DefaultMaxAttachments, long maxPacketBytes = long.MaxValue)
    {
        _maxAttachments = maxAttachments;
        _maxPacketBytes = maxPacketBytes;
    }

    /// <summary>The binary packet whose attachments are awaited, if any.</summary>
    public SocketIOPacket? Pending => _pending;

    public DecodeStatus Add(string text, [NotNullWhen(true)] out SocketIOPacket? packet)
    {
        packet = null;
        if (_pending is not null)
        {
            // Text in the middle of a binary packet means the client is broken or hostile.
            return DecodeStatus.Error;
        }

        if (!SocketIOParser.TryDecode(text, _maxAttachments, out var decoded, out _))
        {
            return DecodeStatus.Error;
        }

        if (decoded.AttachmentCount > 0)
        {
            _pending = decoded;
            _buffers = new List<byte[]>(decoded.AttachmentCount);
            _pendingBytes = Encoding.UTF8.GetByteCount(text);
            return _pendingBytes > _maxPacketBytes ? DecodeStatus.TooLarge : DecodeStatus.WaitingForAttachments;
        }

        packet = decoded;
        return DecodeStatus.Complete;
    }

    public DecodeStatus Add(byte[] binary, [NotNullWhen(true)] out SocketIOPacket? packet)
    {
        packet = null;
        if (_pending is null || _buffers is null)
        {
            return DecodeStatus.Error;
        }

        _pendingBytes += binary.Length;
        if (_pendingBytes > _maxPacketBytes)
        {
            Reset();
            return DecodeStatus.TooLarge;
        }

        _buffers.Add(binary);
        if (_buffers.Count < _pending.AttachmentCount)
        {
            return DecodeStatus.WaitingForAttachments;
        }

        _pending.Buffers = _buffers;
        packet = _pending;
        Reset();
        return DecodeStatus.Complete;
    }

    /// <summary>Drops a partly received packet (its buffers go to the garbage collector).</summary>
    public void Reset()
    {
        _pending = null;
        _buffers = null;
        _pendingBytes = 0;
    }
}
