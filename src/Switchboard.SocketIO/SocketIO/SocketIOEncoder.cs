using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.SocketIO.EngineIO;

namespace Switchboard.SocketIO;

/// <summary>
/// Encodes Socket.IO packets straight into the UTF-8 bytes of the Engine.IO message frame
/// ("4" + Socket.IO packet), so one encoding can be sent to any number of sockets.
/// Top-level byte[] arguments become binary attachments with placeholders.
/// </summary>
internal static class SocketIOEncoder
{
    [ThreadStatic]
    private static EncoderState? t_state;

    public static OutboundFrame EncodeEvent(string nsp, string eventName, ReadOnlySpan<object?> args, int? ackId, JsonSerializerOptions options)
    {
        var state = Rent();
        try
        {
            var writer = state.Writer;
            writer.WriteStartArray();
            writer.WriteStringValue(eventName);
            WriteArgs(writer, args, state.Attachments, options);
            writer.WriteEndArray();
            return Compose(state, SocketIOPacketType.Event, nsp, ackId);
        }
        finally
        {
            Return(state);
        }
    }

    public static OutboundFrame EncodeAck(string nsp, int id, ReadOnlySpan<object?> args, JsonSerializerOptions options)
    {
        var state = Rent();
        try
        {
            var writer = state.Writer;
            writer.WriteStartArray();
            WriteArgs(writer, args, state.Attachments, options);
            writer.WriteEndArray();
            return Compose(state, SocketIOPacketType.Ack, nsp, id);
        }
        finally
        {
            Return(state);
        }
    }

    public static OutboundFrame EncodeConnect(string nsp, string sid, string? pid = null)
    {
        var state = Rent();
        try
        {
            var writer = state.Writer;
            writer.WriteStartObject();
            writer.WriteString("sid", sid);
            if (pid is not null)
            {
                writer.WriteString("pid", pid);
            }

            writer.WriteEndObject();
            var frame = Compose(state, SocketIOPacketType.Connect, nsp, null);
            return new OutboundFrame(frame.Data, false, null, deliverAlone: true);
        }
        finally
        {
            Return(state);
        }
    }

    public static OutboundFrame EncodeConnectError(string nsp, string message, object? data, JsonSerializerOptions options)
    {
        var state = Rent();
        try
        {
            var writer = state.Writer;
            writer.WriteStartObject();
            writer.WriteString("message", message);
            if (data is not null)
            {
                writer.WritePropertyName("data");
                WriteValue(writer, data, options);
            }

            writer.WriteEndObject();
            return Compose(state, SocketIOPacketType.ConnectError, nsp, null);
        }
        finally
        {
            Return(state);
        }
    }

    public static OutboundFrame EncodeDisconnect(string nsp)
    {
        var state = Rent();
        try
        {
            return Compose(state, SocketIOPacketType.Disconnect, nsp, null);
        }
        finally
        {
            Return(state);
        }
    }

    private static void WriteArgs(Utf8JsonWriter writer, ReadOnlySpan<object?> args, List<byte[]> attachments, JsonSerializerOptions options)
    {
        foreach (var arg in args)
        {
            byte[]? binary = arg switch
            {
                byte[] bytes => bytes,
                ReadOnlyMemory<byte> memory => memory.ToArray(),
                Memory<byte> memory => memory.ToArray(),
                ArraySegment<byte> segment => segment.ToArray(),
                _ => null,
            };

            if (binary is null)
            {
                WriteValue(writer, arg, options);
                continue;
            }

            writer.WriteStartObject();
            writer.WriteBoolean("_placeholder", true);
            writer.WriteNumber("num", attachments.Count);
            writer.WriteEndObject();
            attachments.Add(binary);
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case JsonDocument document:
                document.WriteTo(writer);
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            default:
                JsonSerializer.Serialize(writer, value, value.GetType(), options);
                break;
        }
    }

    private static OutboundFrame Compose(EncoderState state, SocketIOPacketType type, string nsp, int? id)
    {
        state.Writer.Flush();
        var json = state.Buffer.WrittenSpan;
        var attachmentCount = state.Attachments.Count;
        if (attachmentCount > 0)
        {
            type = type == SocketIOPacketType.Ack ? SocketIOPacketType.BinaryAck : SocketIOPacketType.BinaryEvent;
        }

        var hasNsp = nsp != "/";
        Span<byte> numbers = stackalloc byte[24];
        var length = 2 + json.Length;
        var attachmentDigits = 0;
        if (attachmentCount > 0)
        {
            attachmentCount.TryFormat(numbers, out attachmentDigits);
            length += attachmentDigits + 1;
        }

        if (hasNsp)
        {
            length += Encoding.UTF8.GetByteCount(nsp) + 1;
        }

        var idDigits = 0;
        if (id is { } ackId)
        {
            ackId.TryFormat(numbers[12..], out idDigits);
            length += idDigits;
        }

        var bytes = new byte[length];
        var span = bytes.AsSpan();
        span[0] = (byte)'0' + (byte)EngineIOPacketType.Message;
        span[1] = (byte)('0' + (int)type);
        var pos = 2;
        if (attachmentCount > 0)
        {
            numbers[..attachmentDigits].CopyTo(span[pos..]);
            pos += attachmentDigits;
            span[pos++] = (byte)'-';
        }

        if (hasNsp)
        {
            pos += Encoding.UTF8.GetBytes(nsp, span[pos..]);
            span[pos++] = (byte)',';
        }

        if (idDigits > 0)
        {
            numbers.Slice(12, idDigits).CopyTo(span[pos..]);
            pos += idDigits;
        }

        json.CopyTo(span[pos..]);
        return new OutboundFrame(bytes, false, attachmentCount > 0 ? [.. state.Attachments] : null);
    }

    private static EncoderState Rent()
    {
        var state = t_state;
        if (state is null || state.InUse)
        {
            // Re-entrancy (a converter that emits) gets a private state instead of corrupting the shared one.
            state = new EncoderState();
            t_state ??= state;
        }

        state.InUse = true;
        return state;
    }

    private static void Return(EncoderState state)
    {
        state.Buffer.ResetWrittenCount();
        state.Writer.Reset(state.Buffer);
        state.Attachments.Clear();
        if (state.Buffer.Capacity > 64 * 1024)
        {
            // Do not pin a huge buffer to the thread after one large message.
            state.Shrink();
        }

        state.InUse = false;
    }

    private sealed class EncoderState
    {
        // Relaxed escaping matches JSON.stringify on the wire (no \u-escaping of non-ASCII or HTML characters).
        private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public EncoderState()
        {
            Buffer = new ArrayBufferWriter<byte>(1024);
            Writer = new Utf8JsonWriter(Buffer, WriterOptions);
        }

        public ArrayBufferWriter<byte> Buffer { get; private set; }

        public Utf8JsonWriter Writer { get; private set; }

        public List<byte[]> Attachments { get; } = [];

        public bool InUse { get; set; }

        public void Shrink()
        {
            Buffer = new ArrayBufferWriter<byte>(1024);
            Writer = new Utf8JsonWriter(Buffer, WriterOptions);
        }
    }
}
