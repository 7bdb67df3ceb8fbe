using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchboard.Tests.Hardening;

/// <summary>Generators of hostile input: each draws from a seeded Random, so a failing case replays exactly.</summary>
public static class BadInput
{
    public static readonly string[] Strings =
    [
        "", " ", "a", "live", "agent", "admin", "owner", "full", "lite", "pro", "auto", "null", "true", "-1", "0",
        "99999999999999999999999", "1e309", new string('x', 10_000), string.Concat(Enumerable.Repeat("🙂", 300)),
        "\u202Eevil\u202C", "שלום עולם", "\u0000nul", "a\u0001b\u007f", "\r\nBcc: victim@example.com",
        "x@example.com\r\nBcc: victim@example.com", "' OR 1=1 --", "\"; DROP TABLE users; --", "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>", "../../etc/passwd", "%00", "%0d%0a", "{{7*7}}", "${jndi:ldap://x}", "\ud800",
        "someone@example.com", "UPPER@EXAMPLE.COM", "not-an-email", "a@b", "@example.com", "user@.com",
        "00000000-0000-0000-0000-000000000000", "not-a-uuid", "1|" + new string('a', 40), "∞", "NaN",
        // Not text at all: markers that become a lone surrogate escape or invalid UTF-8 on the wire (see Raw).
        LoneHigh, LoneLow, Swapped, ByteFF, Cesu, Overlong, Truncated, $"Ann {LoneHigh} Lee", $"x{ByteFF}@example.com",
        // Look-alikes that NFKC or case folding turn into something else.
        "\u212Aelvin@example.com", "ｊａｍｅｓ@example.com", "ＡＤＭＩＮ", "\uFB01nance@example.com", "admin@ex\u0430mple.com",
        "STRASSE@example.com", "straße@example.com", "İstanbul", "e\u0301", "\u01C5", "①②③④⑤⑥⑦⑧", "ｐａｓｓｗｏｒｄ１２３",
        // Bidi and invisible controls.
        "\u2066admin\u2069", "user\u202E@example.com", "\u200Fmoc.elpmaxe@live", "\u061C", "\u200B\u200B", "\uFEFFname",
        "\u202E\u202C", "\u3164", "\u00A0\u3000",
    ];

    // Markers (plain ASCII, so JSON serialization leaves them alone) and what each becomes.
    public const string LoneHigh = "~LONE-HIGH~";
    public const string LoneLow = "~LONE-LOW~";
    public const string Swapped = "~SWAPPED~";
    public const string ByteFF = "~BYTE-FF~";
    public const string Cesu = "~CESU~";
    public const string Overlong = "~OVERLONG~";
    public const string Truncated = "~TRUNCATED~";

    private static readonly (string Marker, byte[] InJson, string InUrl)[] Markers =
    [
        (LoneHigh, "\\ud800"u8.ToArray(), "%ED%A0%80"),
        (LoneLow, "\\udfff"u8.ToArray(), "%ED%BF%BF"),
        (Swapped, "\\udc00\\ud800"u8.ToArray(), "%ED%B0%80%ED%A0%80"),
        (ByteFF, [0xFF], "%FF"),
        (Cesu, [0xED, 0xA0, 0x80], "%ED%A0%80"),
        (Overlong, [0xC0, 0xAF], "%C0%AF"),
        (Truncated, [0xE2, 0x82], "%E2%82"),
    ];

    /// <summary>JSON text as the bytes sent: UTF-8, with each marker replaced by its escape or invalid bytes.</summary>
    public static byte[] Raw(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        foreach (var (marker, inJson, _) in Markers)
            bytes = Replace(bytes, Encoding.ASCII.GetBytes(marker), inJson);
        return bytes;
    }

    /// <summary>A URL part (already percent-encoded) with each marker replaced by an invalid UTF-8 percent-encoding.</summary>
    public static string InUrl(string escaped)
    {
        foreach (var (marker, _, inUrl) in Markers) escaped = escaped.Replace(marker, inUrl);
        return escaped;
    }

    private static byte[] Replace(byte[] source, byte[] find, byte[] with)
    {
        if (source.AsSpan().IndexOf(find) < 0) return source;
        var result = new List<byte>(source.Length);
        var rest = source.AsSpan();
        int at;
        while ((at = rest.IndexOf(find)) >= 0)
        {
            result.AddRange(rest[..at].ToArray());
            result.AddRange(with);
            rest = rest[(at + find.Length)..];
        }
        result.AddRange(rest.ToArray());
        return result.ToArray();
    }

    public static readonly string[] Fields =
    [
        "email", "name", "full_name", "password", "password_confirmation", "device", "status", "role", "seat", "plan",
        "admins_can_invite", "business_id", "customer_id", "initial_message", "mode", "default_capacity",
        "reassign_after_minutes", "capacity", "message", "website", "industry", "team_size", "goal", "token", "id",
    ];

    public static string Text(Random random, IReadOnlyList<string> ids) =>
        random.Next(4) == 0 ? ids[random.Next(ids.Count)] : Strings[random.Next(Strings.Length)];

    public static JsonNode? Value(Random random, IReadOnlyList<string> ids, int depth = 0) => random.Next(depth > 3 ? 6 : 10) switch
    {
        0 or 1 or 2 => JsonValue.Create(Text(random, ids)),
        3 => JsonValue.Create(random.Next(5) switch { 0 => -1, 1 => 0, 2 => int.MaxValue, 3 => int.MinValue, _ => random.Next(1, 100) }),
        4 => JsonValue.Create(random.NextDouble() * 1e12),
        5 => random.Next(2) == 0 ? JsonValue.Create(true) : null,
        6 or 7 => new JsonArray(Enumerable.Range(0, random.Next(3)).Select(_ => Value(random, ids, depth + 1)).ToArray()),
        _ => Object(random, ids, depth + 1),
    };

    public static JsonObject Object(Random random, IReadOnlyList<string> ids, int depth = 0)
    {
        var result = new JsonObject();
        var count = random.Next(0, 7);
        for (var i = 0; i < count; i++)
        {
            var name = random.Next(8) == 0 ? Strings[random.Next(Strings.Length)] : Fields[random.Next(Fields.Length)];
            if (name.Length > 100) name = name[..100];
            result[name] = Value(random, ids, depth);
        }
        return result;
    }

    /// <summary>
    /// A body, as the bytes sent: usually a JSON object of plausible and hostile fields (markers turned into lone
    /// surrogates and invalid UTF-8), sometimes not JSON at all.
    /// </summary>
    public static byte[] Body(Random random, IReadOnlyList<string> ids) => random.Next(13) switch
    {
        0 => [],
        1 => "{\"email\": "u8.ToArray(),
        2 => "[1,2,3]"u8.ToArray(),
        3 => "\"just a string\""u8.ToArray(),
        4 => Encoding.UTF8.GetBytes(new string('[', 200) + new string(']', 200)),
        5 => "email=a@b.com&seat=full"u8.ToArray(),
        6 => Encoding.UTF8.GetBytes("{\"email\":\"a\u0000@b.com\",\"seat\":\"full\"}"),
        7 => [0xff, 0xfe, 0x00, 0x41],
        8 => Raw($"{{\"{Fields[random.Next(Fields.Length)]}\":\"{Markers[random.Next(Markers.Length)].Marker}\"}}"),
        _ => Raw(Object(random, ids).ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })),
    };
}
