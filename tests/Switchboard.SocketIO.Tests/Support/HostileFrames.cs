using System.Text;
using CsCheck;

namespace Switchboard.SocketIO.Tests.Support;

/// <summary>
/// CsCheck generators of what a hostile or broken client sends: Engine.IO packets and polling payloads, Socket.IO
/// packets with attachment counts, namespaces, ack ids and JSON payloads full of (nested, out-of-range, malformed)
/// placeholders, binary frames, all of them possibly truncated anywhere or mixed with random characters.
/// </summary>
public static class HostileFrames
{
    /// <summary>A frame as a client sends it: text or binary.</summary>
    public sealed record Frame(string? Text, byte[]? Binary)
    {
        /// <inheritdoc/>
        public override string ToString() => Text is not null ? $"text {Text}" : $"binary[{Binary!.Length}]";
    }

    private const string Syntax = "0123456789-,/[]{}\":_placeholdertrunm\\ \u001e\u00e9b";

    private static readonly Gen<string> AnyChars = Gen.Char.Array[0, 40].Select(a => new string(a));

    private static readonly Gen<string> SyntaxChars = Gen.Char[Syntax].Array[0, 40].Select(a => new string(a));

    private static readonly Gen<string> Number = Gen.OneOf(
        Gen.Int[-3, 12].Select(i => i.ToString()),
        Gen.Const("99999999999999999999"),
        Gen.Const("1e3"),
        Gen.Const("-0"),
        Gen.Const("0.5"));

    private static readonly Gen<string> Placeholder = Gen.OneOf(
        Number.Select(n => $"{{\"_placeholder\":true,\"num\":{n}}}"),
        Number.Select(n => $"{{\"num\":{n},\"_placeholder\":true}}"),
        Gen.Const("{\"_placeholder\":false,\"num\":0}"),
        Gen.Const("{\"_placeholder\":true}"),
        Gen.Const("{\"_placeholder\":true,\"num\":\"0\"}"),
        Gen.Const("{\"_placeholder\":true,\"num\":null}"));

    private static Gen<string> Json(int depth)
    {
        var leaf = Gen.OneOf(Number, Placeholder, Gen.Const("null"), Gen.Const("true"), Gen.Const("\"x\""), Gen.Const("\"\\u0000\""), Gen.Const("\"\\ud800\""));
        if (depth == 0)
        {
            return leaf;
        }

        var inner = Json(depth - 1);
        return Gen.Frequency(
            (3, leaf),
            (2, inner.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]")),
            (2, inner.Array[0, 3].Select(items => "{" + string.Join(",", items.Select((v, i) => $"\"k{i}\":{v}")) + "}")));
    }

    /// <summary>Event names: the handled one, reserved ones, numbers, and strings that are not valid UTF-16.</summary>
    private static readonly Gen<string> EventName = Gen.Frequency(
        (4, Gen.Const("\"ev\"")),
        (1, Gen.Const("\"connect\"")),
        (1, Gen.Const("\"\\ud800\"")),
        (1, Gen.Const("\"\\udc00x\"")),
        (1, Number),
        (1, Placeholder));

    /// <summary>Brackets nested far deeper than any parser's default depth limit.</summary>
    private static readonly Gen<string> DeepNesting = Gen.Int[1, 3000].Select(n => new string('[', n) + "\"e\"" + new string(']', n));

    private static readonly Gen<string> Payload = Gen.Frequency(
        (6, from name in EventName
            from items in Json(3).Array[0, 4]
            select "[" + name + string.Concat(items.Select(i => "," + i)) + "]"),
        (2, Json(3)),
        (1, DeepNesting),
        (1, SyntaxChars));

    /// <summary>A Socket.IO packet's text: type, attachment count, namespace, ack id and payload, each optional or broken.</summary>
    public static readonly Gen<string> SocketIOText =
        from type in Gen.Frequency((8, Gen.Char['0', '6']), (1, Gen.Char))
        from attachments in Gen.Frequency((3, Gen.Const("")), (4, Gen.Int[0, 12].Select(i => $"{i}-")), (1, Number.Select(n => n + "-")), (1, Gen.Const("3")))
        from nsp in Gen.Frequency((4, Gen.Const("")), (2, Gen.Const("/admin,")), (1, Gen.Const("/x")), (1, SyntaxChars.Select(s => "/" + s + ",")))
        from id in Gen.Frequency((3, Gen.Const("")), (2, Gen.Int[0, 1000].Select(i => i.ToString())), (1, Gen.Const("99999999999999999999")))
        from payload in Payload
        from cut in Gen.Frequency((3, Gen.Const(-1)), (1, Gen.Int[0, 200]))
        let text = type + attachments + nsp + id + payload
        select cut >= 0 && cut < text.Length ? text[..cut] : text;

    /// <summary>A Socket.IO text frame, or random characters now and then.</summary>
    public static readonly Gen<string> SocketIOTextOrNoise = Gen.Frequency((9, SocketIOText), (1, AnyChars));

    /// <summary>A binary frame (an attachment), from empty to a few KB.</summary>
    public static readonly Gen<byte[]> Binary = Gen.Frequency(
        (4, Gen.Byte.Array[0, 64]),
        (1, Gen.Int[0, 4000].Select(n => new byte[n])));

    /// <summary>What a client sends over one connection: mostly packets, some attachments.</summary>
    public static readonly Gen<Frame[]> SocketIOFrames = Gen.Frequency(
        (3, SocketIOTextOrNoise.Select(t => new Frame(t, null))),
        (2, Binary.Select(b => new Frame(null, b)))).Array[1, 16];

    /// <summary>An Engine.IO packet's text (type digit and data), or noise.</summary>
    public static readonly Gen<string> EngineIOText = Gen.Frequency(
        (4, from type in Gen.Char['0', '9'] from data in Gen.OneOf(SocketIOText, AnyChars) select type + data),
        (2, SyntaxChars.Select(s => "b" + s)),
        (1, Gen.Byte.Array[0, 64].Select(b => "b" + Convert.ToBase64String(b))),
        (1, AnyChars));

    /// <summary>A long-polling payload: packets separated by the record separator, possibly cut anywhere.</summary>
    public static readonly Gen<string> PollingPayload =
        from packets in EngineIOText.Array[0, 6]
        from cut in Gen.Frequency((3, Gen.Const(-1)), (1, Gen.Int[0, 300]))
        let payload = string.Join("\u001e", packets)
        select cut >= 0 && cut < payload.Length ? payload[..cut] : payload;

    /// <summary>Raw bytes of a WebSocket text frame: valid UTF-8 of a packet, or arbitrary bytes.</summary>
    public static readonly Gen<byte[]> EngineIOUtf8 = Gen.Frequency(
        (3, EngineIOText.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Byte.Array[0, 64]));
}
