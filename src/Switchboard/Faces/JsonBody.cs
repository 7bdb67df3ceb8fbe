using System.Text.Json;

namespace Switchboard.Faces;

/// <summary>Reads a request body as JSON without binding it, so each face can word a malformed body its own way.</summary>
public static class JsonBody
{
    public static async Task<(JsonElement Body, FieldError? Error)> ReadAsync(HttpRequest request, bool required = true)
    {
        if (request.ContentLength == 0 || (request.ContentLength is null && !request.Body.CanRead))
            return required ? (default, Missing()) : (default, null);
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            var root = document.RootElement.Clone();
            if (root.ValueKind != JsonValueKind.Object)
                return (default, new FieldError("body", "", FieldRule.Type, "object"));
            if (InvalidText(root) is { } invalid) return (default, invalid);
            return (root, null);
        }
        catch (JsonException)
        {
            return required || request.ContentLength > 0
                ? (default, new FieldError("body", "", FieldRule.Custom, Message: "JSON decode error"))
                : (default, null);
        }
    }

    private static FieldError Missing() => new("body", "", FieldRule.Required);

    /// <summary>
    /// The JSON parser lets through strings that are not text — invalid UTF-8 bytes, or a lone surrogate such as
    /// "\ud800" — and only fails when they are read. Every string and property name is checked here, once, so
    /// no handler meets one: the first is reported against its top-level field (or the body, for a bad name).
    /// </summary>
    private static FieldError? InvalidText(JsonElement root)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (!IsText(property)) return new FieldError("body", "", FieldRule.Type, "unicode");
            if (!IsText(property.Value)) return new FieldError("body", property.Name, FieldRule.Type, "unicode");
        }
        return null;
    }

    private static bool IsText(JsonProperty property)
    {
        try
        {
            _ = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsText(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    _ = value.GetString();
                    return true;
                }
                catch (InvalidOperationException)
                {
                    return false;
                }
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                    if (!IsText(item)) return false;
                return true;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                    if (!IsText(property) || !IsText(property.Value)) return false;
                return true;
            default:
                return true;
        }
    }
}
