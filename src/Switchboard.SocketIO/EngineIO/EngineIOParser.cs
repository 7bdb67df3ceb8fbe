using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Switchboard.SocketIO.EngineIO;

/// <summary>Encoder and decoder for Engine.IO v4 packets and HTTP long-polling payloads.</summary>
public static class EngineIOParser
{
    /// <summary>The character that separates packets in an HTTP long-polling payload (<c>\x1e</c>).</summary>
    public const char RecordSeparator = '\x1e';

    /// <summary>Decodes one text-encoded packet ("4hello", "2probe", "bAQIDBA==").</summary>
    public static bool TryDecodePacket(ReadOnlySpan<char> encoded, out EngineIOPacket packet)
    {
        packet = default;
        if (encoded.IsEmpty)
        {
            return false;
        }

        var first = encoded[0];
        if (first == 'b')
        {
            var base64 = encoded[1..];
            var buffer = new byte[base64.Length * 3 / 4 + 3];
            if (!Convert.TryFromBase64Chars(base64, buffer, out var written))
            {
                return false;
            }

            packet = new EngineIOPacket(buffer.AsSpan(0, written).ToArray());
            return true;
        }

        if (first < '0' || first > '6')
        {
            return false;
        }

        packet = new EngineIOPacket((EngineIOPacketType)(first - '0'), encoded.Length == 1 ? string.Empty : encoded[1..].ToString());
        return true;
    }

    /// <summary>Decodes a text WebSocket frame given as UTF-8 bytes, without an intermediate string of the whole frame.</summary>
    public static bool TryDecodePacket(ReadOnlySpan<byte> utf8, out EngineIOPacket packet)
    {
        packet = default;
        if (utf8.IsEmpty)
        {
            return false;
        }

        var first = utf8[0];
        if (first == (byte)'b')
        {
            var chars = Encoding.UTF8.GetString(utf8);
            return TryDecodePacket(chars.AsSpan(), out packet);
        }

        if (first < (byte)'0' || first > (byte)'6')
        {
            return false;
        }

        string text;
        try
        {
            text = utf8.Length == 1 ? string.Empty : StrictUtf8.GetString(utf8[1..]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        packet = new EngineIOPacket((EngineIOPacketType)(first - '0'), text);
        return true;
    }

    /// <summary>Decodes a long-polling payload: packets separated by the record separator.</summary>
    public static bool TryDecodePayload(ReadOnlySpan<char> payload, List<EngineIOPacket> packets)
    {
        if (payload.IsEmpty)
        {
            return false;
        }

        foreach (var range in payload.Split(RecordSeparator))
        {
            if (!TryDecodePacket(payload[range], out var packet))
            {
                return false;
            }

            packets.Add(packet);
        }

        return true;
    }

    /// <summary>Text encoding of a single packet, as sent in a WebSocket frame or inside a payload.</summary>
    public static string EncodePacket(EngineIOPacketType type, string? data = null) =>
        string.Concat(((char)('0' + (int)type)).ToString(), data);

    /// <summary>Long-polling encoding of binary data: "b" followed by base64.</summary>
    public static string EncodeBinaryForPolling(ReadOnlySpan<byte> data) => "b" + Convert.ToBase64String(data);

    /// <summary>Encodes several packets as one polling payload (joined with the record separator).</summary>
    public static string EncodePayload(IEnumerable<string> encodedPackets) =>
        string.Join(RecordSeparator, encodedPackets);

    internal static int GetPollingLength(ReadOnlySpan<OutboundFrame> frames)
    {
        var length = 0;
        foreach (var frame in frames)
        {
            length += FrameLength(frame.Data, frame.IsBinary) + 1;
            if (frame.Attachments is { } attachments)
            {
                foreach (var attachment in attachments)
                {
                    length += FrameLength(attachment, true) + 1;
                }
            }
        }

        return Math.Max(0, length - 1);
    }

    /// <summary>Writes queued frames as one polling payload; binary becomes "b" + base64 as v4 requires.</summary>
    internal static void WritePollingPayload(ReadOnlySpan<OutboundFrame> frames, IBufferWriter<byte> writer)
    {
        var first = true;
        foreach (var frame in frames)
        {
            WriteOne(frame.Data, frame.IsBinary, writer, ref first);
            if (frame.Attachments is { } attachments)
            {
                foreach (var attachment in attachments)
                {
                    WriteOne(attachment, true, writer, ref first);
                }
            }
        }
    }

    private static int FrameLength(byte[] data, bool isBinary) => isBinary ? 1 + Base64.GetMaxEncodedToUtf8Length(data.Length) : data.Length;

    private static void WriteOne(byte[] data, bool isBinary, IBufferWriter<byte> writer, ref bool first)
    {
        if (!first)
        {
            writer.GetSpan(1)[0] = (byte)RecordSeparator;
            writer.Advance(1);
        }

        first = false;
        if (!isBinary)
        {
            writer.Write(data);
            return;
        }

        var length = 1 + Base64.GetMaxEncodedToUtf8Length(data.Length);
        var span = writer.GetSpan(length);
        span[0] = (byte)'b';
        Base64.EncodeToUtf8(data, span[1..], out _, out var written);
        writer.Advance(1 + written);
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
}
