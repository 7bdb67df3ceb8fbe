using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Switchboard.SocketIO.Redis;

/// <summary>
/// Between Switchboard's encoded packets (the Engine.IO frame, e.g. <c>42/chat,["news",1]</c>, plus attachments)
/// and the decoded packet object Node's adapters exchange (<c>{"type":2,"data":["news",1],"nsp":"/chat"}</c>).
/// </summary>
internal static class NodePackets
{
    /// <summary>The JSON data array of an encoded EVENT frame.</summary>
    public static ReadOnlyMemory<byte> DataOf(EncodedPacket packet)
    {
        var data = packet.Data;
        var span = data.Span;
        var at = 2; // "4" (Engine.IO message) + packet type
        if (span.Length < 3 || span[0] != (byte)'4')
        {
            throw new InvalidDataException("not a Socket.IO frame");
        }

        if (span[1] == (byte)'5')
        {
            at = span.IndexOf((byte)'-') + 1;
        }

        if (span[at] == (byte)'/')
        {
            at = at + span[at..].IndexOf((byte)',') + 1;
        }

        while (span[at] is >= (byte)'0' and <= (byte)'9')
        {
            at++;
        }

        return data[at..];
    }

    /// <summary>An EVENT frame for <paramref name="nsp"/> from a data array (JSON with placeholders for the attachments).</summary>
    public static EncodedPacket Event(string nsp, JsonElement data, IReadOnlyList<byte[]> attachments)
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write(attachments.Count == 0 ? "42"u8 : Encoding.ASCII.GetBytes("45" + attachments.Count.ToString(CultureInfo.InvariantCulture) + "-"));
        if (nsp != "/")
        {
            buffer.Write(Encoding.UTF8.GetBytes(nsp + ","));
        }

        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            data.WriteTo(writer);
        }

        return new EncodedPacket(buffer.WrittenSpan.ToArray(), attachments);
    }
}
