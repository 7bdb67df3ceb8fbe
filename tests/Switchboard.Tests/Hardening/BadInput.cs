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
    ];

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

    /// <summary>A body: usually a JSON object of plausible and hostile fields, sometimes not JSON at all.</summary>
    public static (string Text, string ContentType) Body(Random random, IReadOnlyList<string> ids) => random.Next(12) switch
    {
        0 => ("", "application/json"),
        1 => ("{\"email\": ", "application/json"),
        2 => ("[1,2,3]", "application/json"),
        3 => ("\"just a string\"", "application/json"),
        4 => (new string('[', 200) + new string(']', 200), "application/json"),
        5 => ("email=a@b.com&seat=full", "application/x-www-form-urlencoded"),
        6 => ("{\"email\":\"a\u0000@b.com\",\"seat\":\"full\"}", "application/json"),
        7 => (Encoding.Latin1.GetString([0xff, 0xfe, 0x00, 0x41]), "application/json"),
        _ => (Object(random, ids).ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), "application/json"),
    };
}
