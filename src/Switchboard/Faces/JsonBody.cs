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
}
