using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchboard.Features.Scim;

/// <summary>
/// The attributes of a SCIM user that Switchboard keeps, and one table saying how each is set and removed. A POST or
/// PUT body is applied as "replace" of each of its attributes; a PATCH operation goes through the same table, with
/// or without a path (Entra sends paths and string booleans, Okta value objects). Attributes not in the table
/// (phone numbers, addresses, the enterprise extension) are accepted and not kept.
/// </summary>
public sealed class ScimUserDocument
{
    public string? UserName { get; set; }
    public string? ExternalId { get; set; }
    public string? DisplayName { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? Email { get; set; }
    public bool? Active { get; set; }

    private delegate ScimError? Setter(ScimUserDocument user, JsonNode? value, ScimPath path);

    private sealed record Attribute(Setter Set, Action<ScimUserDocument>? Remove);

    private static readonly Dictionary<string, Attribute> Table = new(StringComparer.Ordinal)
    {
        ["username"] = new(Text("userName", 320, (u, v) => u.UserName = v), null),
        ["externalid"] = new(Text("externalId", 255, (u, v) => u.ExternalId = v), u => u.ExternalId = null),
        ["displayname"] = new(Text("displayName", 255, (u, v) => u.DisplayName = v), u => u.DisplayName = null),
        ["name.givenname"] = new(Text("name.givenName", 255, (u, v) => u.GivenName = v), u => u.GivenName = null),
        ["name.familyname"] = new(Text("name.familyName", 255, (u, v) => u.FamilyName = v), u => u.FamilyName = null),
        ["name"] = new(Complex("name"), u => (u.GivenName, u.FamilyName) = (null, null)),
        ["active"] = new(Flag, null),
        ["emails.value"] = new(WorkEmail, u => u.Email = null),
        ["emails"] = new(Emails, u => u.Email = null),
    };

    public static ScimUserDocument From(Domain.ScimUser user, bool active) => new()
    {
        UserName = user.UserName,
        ExternalId = user.ExternalId,
        DisplayName = user.DisplayName,
        GivenName = user.GivenName,
        FamilyName = user.FamilyName,
        Email = user.Email,
        Active = active,
    };

    /// <summary>A whole resource (POST, PUT): each attribute replaced.</summary>
    public static (ScimUserDocument? User, ScimError? Error) Read(JsonObject body)
    {
        var user = new ScimUserDocument();
        if (user.ApplyObject("replace", body) is { } error) return (null, error);
        return (user, null);
    }

    /// <summary>One PATCH operation (op already lower-case: add, replace or remove).</summary>
    public ScimError? Apply(string op, string? pathText, JsonNode? value)
    {
        if (pathText is null)
        {
            if (op == "remove") return new ScimError(400, "A remove operation needs a path", "noTarget");
            return value is JsonObject fields ? ApplyObject(op, fields) : ScimError.InvalidSyntax("An operation without a path needs an object value");
        }
        var path = ScimPath.Parse(pathText);
        if (path is null) return ScimError.InvalidPath($"{pathText} is not an attribute path");
        return ApplyPath(op, path, value);
    }

    private ScimError? ApplyObject(string op, JsonObject fields)
    {
        foreach (var (key, value) in fields)
        {
            if (key is "schemas" or "id" or "meta" or "groups") continue;
            var path = ScimPath.Parse(key);
            if (path is null) return ScimError.InvalidPath($"{key} is not an attribute path");
            if (ApplyPath(op, path, value) is { } error) return error;
        }
        return null;
    }

    private ScimError? ApplyPath(string op, ScimPath path, JsonNode? value)
    {
        if (!Table.TryGetValue(path.Key, out var attribute)) return null;
        if (op != "remove") return attribute.Set(this, value, path);
        if (attribute.Remove is null) return ScimError.Mutability($"{path.Key} is required and cannot be removed");
        attribute.Remove(this);
        return null;
    }

    private static Setter Text(string name, int max, Action<ScimUserDocument, string?> set) => (user, value, _) =>
    {
        if (value is null) { set(user, null); return null; }
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            return ScimError.InvalidValue($"{name} must be a string");
        var text = v.GetValue<string>().Trim();
        if (text.Length > max) return ScimError.InvalidValue($"{name} must be at most {max} characters");
        set(user, text.Length == 0 ? null : text);
        return null;
    };

    // "name": {"givenName": …, "familyName": …} — its sub-attributes through the table.
    private static Setter Complex(string name) => (user, value, _) =>
    {
        if (value is null) { (user.GivenName, user.FamilyName) = (null, null); return null; }
        if (value is not JsonObject fields) return ScimError.InvalidValue($"{name} must be an object");
        foreach (var (key, sub) in fields)
            if (Table.TryGetValue($"{name}.{key.ToLowerInvariant()}", out var attribute) && attribute.Set(user, sub, new ScimPath(name, key, null, null)) is { } error)
                return error;
        return null;
    };

    // Booleans as JSON or, as Entra sends them, as the strings "True"/"False".
    private static ScimError? Flag(ScimUserDocument user, JsonNode? value, ScimPath _)
    {
        bool? flag = value is JsonValue v ? v.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(v.GetValue<string>(), out var parsed) => parsed,
            _ => null,
        } : null;
        if (flag is null) return ScimError.InvalidValue("active must be true or false");
        user.Active = flag;
        return null;
    }

    // emails[type eq "work"].value (Entra): only the work (or primary) address is kept.
    private static ScimError? WorkEmail(ScimUserDocument user, JsonNode? value, ScimPath path)
    {
        if (path.FilterAttribute is not null && !(path.FilterAttribute == "type" && path.FilterValue is "work" or "Work")
            && !(path.FilterAttribute == "primary" && path.FilterValue is "true" or "True"))
            return null;
        return Text("emails.value", 320, (u, v) => u.Email = v)(user, value, path);
    }

    // "emails": [{"value": …, "type": "work", "primary": true}, …] — the primary one, else the work one, else the first.
    private static ScimError? Emails(ScimUserDocument user, JsonNode? value, ScimPath path)
    {
        if (path.Sub is not null || path.FilterAttribute is not null) return WorkEmail(user, value, path);
        if (value is null) { user.Email = null; return null; }
        var items = value as JsonArray ?? (value is JsonObject one ? [one.DeepClone()] : null);
        if (items is null || items.Any(i => i is not JsonObject)) return ScimError.InvalidValue("emails must be a list of objects");
        var chosen = items.OfType<JsonObject>().OrderByDescending(IsPrimary).ThenByDescending(IsWork).FirstOrDefault();
        return Text("emails.value", 320, (u, v) => u.Email = v)(user, chosen?["value"], path);
    }

    private static bool IsPrimary(JsonObject email) => email["primary"] is JsonValue p && p.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.String => bool.TryParse(p.GetValue<string>(), out var yes) && yes,
        _ => false,
    };

    private static bool IsWork(JsonObject email) =>
        email["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String && t.GetValue<string>().Equals("work", StringComparison.OrdinalIgnoreCase);
}
