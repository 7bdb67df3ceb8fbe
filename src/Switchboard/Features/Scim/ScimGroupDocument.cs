using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchboard.Features.Scim;

/// <summary>
/// A SCIM group as a document: displayName, externalId and member ids. PATCH goes through the same operations as
/// Entra and Okta send them: add/remove on "members" with a value list, remove on <c>members[value eq "id"]</c>,
/// replace of "members" (the whole list), displayName and externalId, with a path or as a value object.
/// </summary>
public sealed class ScimGroupDocument
{
    public string? DisplayName { get; set; }
    public string? ExternalId { get; set; }
    public List<Guid> Members { get; set; } = [];

    public static (ScimGroupDocument? Group, ScimError? Error) Read(JsonObject body)
    {
        var group = new ScimGroupDocument();
        return group.ApplyObject("replace", body) is { } error ? (null, error) : (group, null);
    }

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
            if (key is "schemas" or "id" or "meta") continue;
            var path = ScimPath.Parse(key);
            if (path is null) return ScimError.InvalidPath($"{key} is not an attribute path");
            if (ApplyPath(op, path, value) is { } error) return error;
        }
        return null;
    }

    private ScimError? ApplyPath(string op, ScimPath path, JsonNode? value)
    {
        switch (path.Attribute)
        {
            case "displayname":
                if (op == "remove") return ScimError.Mutability("displayName is required and cannot be removed");
                return Text("displayName", value, v => DisplayName = v);
            case "externalid":
                if (op == "remove") { ExternalId = null; return null; }
                return Text("externalId", value, v => ExternalId = v);
            case "members":
                return ApplyMembers(op, path, value);
            default:
                return null;
        }
    }

    private ScimError? ApplyMembers(string op, ScimPath path, JsonNode? value)
    {
        if (path.FilterAttribute is not null)
        {
            // members[value eq "id"]: only remove names one member this way.
            if (op != "remove" || path.FilterAttribute != "value") return ScimError.InvalidPath("Only remove takes a members[value eq \"…\"] path");
            if (Guid.TryParse(path.FilterValue, out var one)) Members.Remove(one);
            return null;
        }
        if (op == "remove" && value is null) { Members.Clear(); return null; }
        var (ids, error) = Ids(value);
        if (error is not null) return error;
        switch (op)
        {
            case "replace": Members = [.. ids!.Distinct()]; break;
            case "add": Members = [.. Members.Concat(ids!).Distinct()]; break;
            default: Members.RemoveAll(ids!.Contains); break;
        }
        return null;
    }

    private static (List<Guid>? Ids, ScimError? Error) Ids(JsonNode? value)
    {
        var items = value as JsonArray ?? (value is JsonObject one ? [one.DeepClone()] : null);
        if (items is null) return (null, ScimError.InvalidValue("members must be a list of {\"value\": id}"));
        var ids = new List<Guid>();
        foreach (var item in items)
        {
            if (item is not JsonObject member || member["value"] is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
                return (null, ScimError.InvalidValue("members must be a list of {\"value\": id}"));
            // An id that is no user of this workspace is refused when the group is saved, with its value named.
            ids.Add(Guid.TryParse(v.GetValue<string>(), out var id) ? id : Guid.Empty);
        }
        return (ids, null);
    }

    private static ScimError? Text(string name, JsonNode? value, Action<string?> set)
    {
        if (value is null) { set(null); return null; }
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String) return ScimError.InvalidValue($"{name} must be a string");
        var text = v.GetValue<string>().Trim();
        if (text.Length > 255) return ScimError.InvalidValue($"{name} must be at most 255 characters");
        set(text.Length == 0 ? null : text);
        return null;
    }
}
