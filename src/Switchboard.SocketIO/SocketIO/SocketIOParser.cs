using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Switchboard.SocketIO;

/// <summary>Decoder for the text part of Socket.IO v5 packets (format: type[attachments-][nsp,][id][json]).</summary>
public static class SocketIOParser
{
    /// <summary>Default most attachments one packet may announce (as Node's socket.io-parser, maxAttachments).</summary>
    public const int DefaultMaxAttachments = 10;

    private static readonly string[] ReservedEvents = ["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"];

    /// <summary>Decodes one Socket.IO packet from its text; false with an error message when it is malformed.</summary>
    public static bool TryDecode(string encoded, [NotNullWhen(true)] out SocketIOPacket? packet, [NotNullWhen(false)] out string? error) =>
        TryDecode(encoded, DefaultMaxAttachments, out packet, out error);

    /// <summary>Decodes a packet; one announcing more than <paramref name="maxAttachments"/> attachments is an error.</summary>
    public static bool TryDecode(string encoded, int maxAttachments, [NotNullWhen(true)] out SocketIOPacket? packet, [NotNullWhen(false)] out string? error)
    {
        packet = null;
        if (encoded.Length == 0)
        {
            error = "empty packet";
            return false;
        }

        var typeChar = encoded[0];
        if (typeChar < '0' || typeChar > '6')
        {
            error = "unknown packet type";
            return false;
        }

        var type = (SocketIOPacketType)(typeChar - '0');
        var i = 1;
        var attachments = 0;
        if (type is SocketIOPacketType.BinaryEvent or SocketIOPacketType.BinaryAck)
        {
            var start = i;
            while (i < encoded.Length && char.IsAsciiDigit(encoded[i]))
            {
                i++;
            }

            if (i == start || i >= encoded.Length || encoded[i] != '-'
                || !int.TryParse(encoded.AsSpan(start, i - start), out attachments))
            {
                error = "illegal attachments";
                return false;
            }

            if (attachments > maxAttachments)
            {
                error = "too many attachments";
                return false;
            }

            i++;
        }

        var nsp = "/";
        if (i < encoded.Length && encoded[i] == '/')
        {
            var start = i;
            while (i < encoded.Length && encoded[i] != ',')
            {
                i++;
            }

            nsp = encoded[start..i];
            if (i < encoded.Length)
            {
                i++;
            }
        }

        int? id = null;
        if (i < encoded.Length && char.IsAsciiDigit(encoded[i]))
        {
            var start = i;
            while (i < encoded.Length && char.IsAsciiDigit(encoded[i]))
            {
                i++;
            }

            if (!int.TryParse(encoded.AsSpan(start, i - start), out var parsed))
            {
                error = "invalid ack id";
                return false;
            }

            id = parsed;
        }

        JsonElement? data = null;
        if (i < encoded.Length)
        {
            try
            {
                data = JsonSerializer.Deserialize<JsonElement>(encoded.AsSpan(i));
            }
            catch (JsonException)
            {
                error = "invalid payload";
                return false;
            }
        }

        if (!IsPayloadValid(type, data))
        {
            error = "invalid payload";
            return false;
        }

        packet = new SocketIOPacket { Type = type, Namespace = nsp, Id = id, Data = data, AttachmentCount = attachments };
        error = null;
        return true;
    }

    private static bool IsPayloadValid(SocketIOPacketType type, JsonElement? data) => type switch
    {
        SocketIOPacketType.Connect => data is null || data.Value.ValueKind == JsonValueKind.Object,
        SocketIOPacketType.Disconnect => data is null,
        SocketIOPacketType.ConnectError => data is { ValueKind: JsonValueKind.Object or JsonValueKind.String },
        SocketIOPacketType.Event or SocketIOPacketType.BinaryEvent => data is { ValueKind: JsonValueKind.Array } array
            && array.GetArrayLength() > 0
            && IsEventName(array[0]),
        SocketIOPacketType.Ack or SocketIOPacketType.BinaryAck => data is { ValueKind: JsonValueKind.Array },
        _ => false,
    };

    private static bool IsEventName(JsonElement name) => name.ValueKind switch
    {
        JsonValueKind.String => TryGetString(name) is { } text && Array.IndexOf(ReservedEvents, text) < 0,
        JsonValueKind.Number => true,
        _ => false,
    };

    /// <summary>
    /// The string, or null when its escapes do not make valid UTF-16 (a lone surrogate such as <c>"\ud800"</c>):
    /// System.Text.Json parses such a document but throws when the string is read, so a name no handler
    /// could be looked up by refuses the packet here (found by the hostile-input property tests).
    /// </summary>
    private static string? TryGetString(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
