using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Email;

namespace Switchboard.Features.Scim;

/// <summary>What every SCIM handler reads from a request: the JSON object body, If-Match, the base URL of the links.</summary>
public static class ScimRequest
{
    public static async Task<(JsonObject? Body, ScimError? Error)> BodyAsync(HttpRequest request)
    {
        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return node is JsonObject body ? (body, null) : (null, ScimError.InvalidSyntax("The body must be a JSON object"));
        }
        catch (JsonException)
        {
            return (null, ScimError.InvalidSyntax("The body is not valid JSON"));
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
