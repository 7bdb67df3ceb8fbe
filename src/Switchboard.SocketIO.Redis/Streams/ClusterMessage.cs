using System.Buffers;
using System.Text.Json;

namespace Switchboard.SocketIO.Redis;

/// <summary>
/// The messages of Node's <c>ClusterAdapter</c> (socket.io-adapter), in the form <c>@socket.io/redis-streams-adapter</c>
/// stores them: stream entries with the fields <c>uid</c>, <c>nsp</c>, <c>type</c> and <c>data</c> (JSON, or base64
/// MessagePack when the packet has binary parts); pub/sub requests and answers as MessagePack of the whole object.
/// </summary>
internal static class ClusterMessage
{
    public const int Broadcast = 3;
    public const int SocketsJoin = 4;
    public const int SocketsLeave = 5;
    public const int DisconnectSockets = 6;
    public const int FetchSockets = 7;
    public const int FetchSocketsResponse = 8;
    public const int ServerSideEmit = 9;
    public const int ServerSideEmitResponse = 10;
    public const int BroadcastClientCount = 11;
    public const int BroadcastAck = 12;

    /// <summary>The <c>data</c> field of an operation's stream entry.</summary>
    public static string StreamData(AdapterOperation operation, string nsp)
    {
        var attachments = operation.Packet?.Attachments ?? [];
        var json = Json(writer =>
        {
            writer.WriteStartObject();
            WriteOptions(writer, operation.Options);
            switch (operation.Kind)
            {
                case AdapterOperationKind.Broadcast:
                    writer.WritePropertyName("packet");
                    writer.WriteStartObject();
                    writer.WriteNumber("type", 2);
                    writer.WritePropertyName("data");
                    writer.WriteRawValue(NodePackets.DataOf(operation.Packet!).Span, skipInputValidation: true);
                    writer.WriteString("nsp", nsp);
                    writer.WriteEndObject();
                    break;
                case AdapterOperationKind.AddRooms:
                case AdapterOperationKind.RemoveRooms:
                    writer.WritePropertyName("rooms");
                    WriteStrings(writer, operation.Rooms);
                    break;
                case AdapterOperationKind.DisconnectSockets:
                    writer.WriteBoolean("close", operation.Close);
                    break;
            }

            writer.WriteEndObject();
        });
        if (attachments.Count == 0)
        {
            return System.Text.Encoding.UTF8.GetString(json);
        }

        using var document = JsonDocument.Parse(json);
        return Convert.ToBase64String(MsgPackJson.FromJson(document.RootElement, attachments));
    }

    public static int TypeOf(AdapterOperation operation) => operation.Kind switch
    {
        AdapterOperationKind.Broadcast => Broadcast,
        AdapterOperationKind.AddRooms => SocketsJoin,
        AdapterOperationKind.RemoveRooms => SocketsLeave,
        _ => DisconnectSockets,
    };

    /// <summary>Reads a stream entry's <c>data</c>: JSON, or base64 MessagePack whose binary values become attachments.</summary>
    public static JsonElement ReadStreamData(string data, List<byte[]> attachments)
    {
        if (data.StartsWith('{'))
        {
            using var document = JsonDocument.Parse(data);
            return document.RootElement.Clone();
        }

        return MsgPackJson.ToJson(Convert.FromBase64String(data), attachments);
    }

    public static BroadcastOptions ReadOptions(JsonElement data)
    {
        var opts = data.GetProperty("opts");
        return new BroadcastOptions(Strings(opts, "rooms"), Strings(opts, "except"), local: false) { Volatile = IsVolatile(opts) };
    }

    /// <summary>Node's <c>opts.flags.timeout</c> of a broadcast with acknowledgements, if any.</summary>
    public static TimeSpan? AckTimeout(JsonElement opts) =>
        opts.ValueKind == JsonValueKind.Object && opts.TryGetProperty("flags", out var flags) && flags.ValueKind == JsonValueKind.Object
        && flags.TryGetProperty("timeout", out var value) && value.TryGetDouble(out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : null;

    /// <summary>Node's <c>opts.flags.volatile</c> (set to true by <c>io.volatile</c>; absent otherwise).</summary>
    public static bool IsVolatile(JsonElement opts) =>
        opts.ValueKind == JsonValueKind.Object && opts.TryGetProperty("flags", out var flags) && flags.ValueKind == JsonValueKind.Object
        && flags.TryGetProperty("volatile", out var value) && value.ValueKind != JsonValueKind.False && value.ValueKind != JsonValueKind.Null;

    /// <summary>Writes Node's <c>flags</c> object: <c>{}</c>, with <c>"volatile":true</c> and the ack <c>"timeout"</c> (ms) when set.</summary>
    public static void WriteFlags(Utf8JsonWriter writer, BroadcastOptions options, TimeSpan? timeout = null)
    {
        writer.WritePropertyName("flags");
        writer.WriteStartObject();
        if (options.Volatile)
        {
            writer.WriteBoolean("volatile", true);
        }

        if (timeout is { } t && t != Timeout.InfiniteTimeSpan)
        {
            writer.WriteNumber("timeout", (long)t.TotalMilliseconds);
        }

        writer.WriteEndObject();
    }

    /// <summary>Whether the broadcast in <paramref name="data"/> is one recovery keeps: an EVENT without ack id, not volatile.</summary>
    public static bool IsRecoverable(JsonElement data)
    {
        var packet = data.GetProperty("packet");
        var volatileFlag = data.TryGetProperty("opts", out var opts) && IsVolatile(opts);
        return packet.TryGetProperty("type", out var type) && type.TryGetInt32(out var t) && t == 2
            && !(packet.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number)
            && !volatileFlag && !data.TryGetProperty("requestId", out _);
    }

    public static HashSet<string> Strings(JsonElement parent, string name)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (parent.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    set.Add(item.GetString()!);
                }
            }
        }

        return set;
    }

    /// <summary>A pub/sub message: MessagePack of <c>{uid, nsp, type, data}</c>.</summary>
    public static byte[] PubSub(string uid, string nsp, int type, Action<Utf8JsonWriter> writeData)
    {
        var json = Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("uid", uid);
            writer.WriteString("nsp", nsp);
            writer.WriteNumber("type", type);
            writer.WritePropertyName("data");
            writeData(writer);
            writer.WriteEndObject();
        });
        using var document = JsonDocument.Parse(json);
        return MsgPackJson.FromJson(document.RootElement);
    }

    public static void WriteOptions(Utf8JsonWriter writer, BroadcastOptions options, TimeSpan? timeout = null)
    {
        writer.WritePropertyName("opts");
        writer.WriteStartObject();
        writer.WritePropertyName("rooms");
        WriteStrings(writer, options.Rooms);
        writer.WritePropertyName("except");
        WriteStrings(writer, options.Except);
        WriteFlags(writer, options, timeout);
        writer.WriteEndObject();
    }

    public static void WriteStrings(Utf8JsonWriter writer, IEnumerable<string> values)
    {
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    public static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
