using System.Buffers;
using System.Text.Json;
using MessagePack;

namespace Switchboard.SocketIO.Redis;

/// <summary>
/// MessagePack ⇄ JSON, for the messages Node's adapters encode with <c>@msgpack/msgpack</c>. Binary values map to
/// Socket.IO attachment placeholders (<c>{"_placeholder":true,"num":n}</c>) and back, so a packet's JSON and
/// its attachments survive the trip; outside packets a binary value becomes a base64 string.
/// </summary>
internal static class MsgPackJson
{
    public static byte[] FromJson(JsonElement value, IReadOnlyList<byte[]>? attachments = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        Write(ref writer, value, attachments);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes to JSON; binary values become placeholders appended to <paramref name="attachments"/> when given.</summary>
    public static JsonElement ToJson(ReadOnlyMemory<byte> message, List<byte[]>? attachments = null)
    {
        var reader = new MessagePackReader(message);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Read(ref reader, writer, attachments, 0);
        }

        return JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone();
    }

    private static void Write(ref MessagePackWriter writer, JsonElement value, IReadOnlyList<byte[]>? attachments)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                if (attachments is not null && IsPlaceholder(value, attachments.Count, out var num))
                {
                    writer.Write(attachments[num]);
                    return;
                }

                var count = 0;
                foreach (var _ in value.EnumerateObject())
                {
                    count++;
                }

                writer.WriteMapHeader(count);
                foreach (var property in value.EnumerateObject())
                {
                    writer.Write(property.Name);
                    Write(ref writer, property.Value, attachments);
                }

                break;
            case JsonValueKind.Array:
                writer.WriteArrayHeader(value.GetArrayLength());
                foreach (var item in value.EnumerateArray())
                {
                    Write(ref writer, item, attachments);
                }

                break;
            case JsonValueKind.String:
                writer.Write(value.GetString());
                break;
            case JsonValueKind.Number:
                if (value.TryGetInt64(out var integer))
                {
                    writer.Write(integer);
                }
                else
                {
                    writer.Write(value.GetDouble());
                }

                break;
            case JsonValueKind.True:
                writer.Write(true);
                break;
            case JsonValueKind.False:
                writer.Write(false);
                break;
            default:
                writer.WriteNil();
                break;
        }
    }

    private static bool IsPlaceholder(JsonElement value, int available, out int num)
    {
        num = -1;
        return value.TryGetProperty("_placeholder", out var flag) && flag.ValueKind == JsonValueKind.True
            && value.TryGetProperty("num", out var n) && n.TryGetInt32(out num) && num >= 0 && num < available;
    }

    private static void Read(ref MessagePackReader reader, Utf8JsonWriter writer, List<byte[]>? attachments, int depth)
    {
        if (depth > 64)
        {
            throw new InvalidDataException("message nested too deeply");
        }

        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Map:
                var entries = reader.ReadMapHeader();
                writer.WriteStartObject();
                for (var i = 0; i < entries; i++)
                {
                    writer.WritePropertyName(reader.NextMessagePackType == MessagePackType.String
                        ? reader.ReadString() ?? string.Empty
                        : ReadScalarAsText(ref reader));
                    Read(ref reader, writer, attachments, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case MessagePackType.Array:
                var length = reader.ReadArrayHeader();
                writer.WriteStartArray();
                for (var i = 0; i < length; i++)
                {
                    Read(ref reader, writer, attachments, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case MessagePackType.String:
                writer.WriteStringValue(reader.ReadString());
                break;
            case MessagePackType.Integer:
                if (reader.NextCode == MessagePackCode.UInt64)
                {
                    writer.WriteNumberValue(reader.ReadUInt64());
                }
                else
                {
                    writer.WriteNumberValue(reader.ReadInt64());
                }

                break;
            case MessagePackType.Float:
                writer.WriteNumberValue(reader.ReadDouble());
                break;
            case MessagePackType.Boolean:
                writer.WriteBooleanValue(reader.ReadBoolean());
                break;
            case MessagePackType.Binary:
                var bytes = reader.ReadBytes()?.ToArray() ?? [];
                if (attachments is null)
                {
                    writer.WriteBase64StringValue(bytes);
                }
                else
                {
                    writer.WriteStartObject();
                    writer.WriteBoolean("_placeholder", true);
                    writer.WriteNumber("num", attachments.Count);
                    writer.WriteEndObject();
                    attachments.Add(bytes);
                }

                break;
            case MessagePackType.Nil:
                reader.ReadNil();
                writer.WriteNullValue();
                break;
            default:
                // Extensions (e.g. timestamps) have no JSON form.
                reader.Skip();
                writer.WriteNullValue();
                break;
        }
    }

    private static string ReadScalarAsText(ref MessagePackReader reader)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Integer:
                return reader.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
            default:
                reader.Skip();
                return string.Empty;
        }
    }
}
