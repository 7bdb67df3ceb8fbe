using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Email;

namespace Switchboard.Features.Scim;

/// <summary>What every SCIM handler reads from a request: the JSON object body, If-Match, the base URL of the links.</summary>
public static class ScimRequest
{
    // Attribute names are case-insensitive (RFC 7643 §2.1): Microsoft's samples send "Primary" and "Value".
    private static readonly JsonNodeOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    private static void Touch(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o: foreach (var (_, v) in o) Touch(v); break;
            case JsonArray a: foreach (var v in a) Touch(v); break;
        }
    }

    public static async Task<(JsonObject? Body, ScimError? Error)> BodyAsync(HttpRequest request)
    {
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, CaseInsensitive, cancellationToken: request.HttpContext.RequestAborted);
            if (node is not JsonObject body) return (null, ScimError.InvalidSyntax("The body must be a JSON object"));
            // Objects are read lazily: reading every one now finds a name given twice (in two cases) here, not later.
            Touch(body);
            return (body, null);
        }
        catch (JsonException)
        {
            return (null, ScimError.InvalidSyntax("The body is not valid JSON"));
        }
        catch (ArgumentException)
        {
            return (null, ScimError.InvalidSyntax("The body names an attribute twice (names are case-insensitive)"));
        }
    }

    /// <summary>If-Match absent or "*" lets any version through; otherwise it must name the current one (weak compare).</summary>
    public static bool Matches(HttpRequest request, string etag)
    {
        var wanted = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(wanted) || wanted.Trim() == "*") return true;
        static string Strip(string tag) => tag.Trim().StartsWith("W/", StringComparison.Ordinal) ? tag.Trim()[2..] : tag.Trim();
        return wanted.Split(',').Any(tag => Strip(tag) == Strip(etag));
    }

    public static bool NotModified(HttpRequest request, string etag) =>
        request.Headers.IfNoneMatch.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries).Any(t => t.Trim() == etag);

    public static string BaseUrl(PublicLinks links) => links.Home + "scim/v2";

    /// <summary>userName's key: NFKC and lower case, since RFC 7643 makes userName case-insensitive.</summary>
    public static string NormalizeUserName(string userName) => userName.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    public static Guid? Id(string text) => Guid.TryParse(text, out var id) ? id : null;

    /// <summary>Whether an excludedAttributes/attributes query leaves out an attribute (Entra asks for groups without members).</summary>
    public static bool Excludes(string? excludedAttributes, string attribute) =>
        excludedAttributes?.Split(',').Any(a => a.Trim().Equals(attribute, StringComparison.OrdinalIgnoreCase)) == true;
}
