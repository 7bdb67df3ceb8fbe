using System.Diagnostics.CodeAnalysis;

namespace Switchboard.SocketIO;

/// <summary>
/// Per-connection decoder state: a binary packet arrives as its text header followed by one
/// Engine.IO binary message per attachment.
/// </summary>
internal sealed class PacketDecoder
{
    private SocketIOPacket? _pending;
    private List<byte[]>? _buffers;

    public DecodeStatus Add(string text, [NotNullWhen(true)] out SocketIOPacket? packet)
    {
        packet = null;
        if (_pending is not null)
        {
            // Text in the middle of a binary packet means the client is broken or hostile.
            return DecodeStatus.Error;
        }

        if (!SocketIOParser.TryDecode(text, out var decoded, out _))
        {
            return DecodeStatus.Error;
        }

        if (decoded.AttachmentCount > 0)
        {
            _pending = decoded;
            _buffers = new List<byte[]>(decoded.AttachmentCount);
            return DecodeStatus.WaitingForAttachments;
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

        _buffers.Add(binary);
        if (_buffers.Count < _pending.AttachmentCount)
        {
            return DecodeStatus.WaitingForAttachments;
        }

        _pending.Buffers = _buffers;
        packet = _pending;
        _pending = null;
        _buffers = null;
        return DecodeStatus.Complete;
    }
}
