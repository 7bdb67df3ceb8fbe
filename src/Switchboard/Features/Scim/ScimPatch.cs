using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchboard.Features.Scim;

/// <summary>A PATCH body (RFC 7644 §3.5.2): Operations of add, replace or remove, op names in any case (Entra: "Replace").</summary>
public static class ScimPatch
{
    public sealed record Operation(string Op, string? Path, JsonNode? Value);

    public const int MaxOperations = 1000;

    public static (IReadOnlyList<Operation>? Operations, ScimError? Error) Read(JsonObject body)
    {
        if ((body["Operations"] ?? body["operations"]) is not JsonArray list)
            return (null, ScimError.InvalidSyntax("A PATCH body needs an Operations list"));
        if (list.Count > MaxOperations) return (null, ScimError.InvalidSyntax($"At most {MaxOperations} operations at once"));
        var read = new List<Operation>();
        foreach (var item in list)
        {
            if (item is not JsonObject operation) return (null, ScimError.InvalidSyntax("Each operation must be an object"));
            var op = Text(operation, "op")?.ToLowerInvariant();
            if (op is not ("add" or "replace" or "remove"))
                return (null, ScimError.InvalidSyntax("op must be add, replace or remove"));
            var path = operation["path"];
            if (path is not null && (path is not JsonValue p || p.GetValueKind() != JsonValueKind.String))
                return (null, ScimError.InvalidPath("path must be a string"));
            read.Add(new Operation(op, Text(operation, "path"), operation["value"]));
        }
        return (read, null);
    }

    private static string? Text(JsonObject operation, string name) =>
        operation[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
