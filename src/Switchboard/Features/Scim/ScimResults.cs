using System.Text.Json.Nodes;

namespace Switchboard.Features.Scim;

/// <summary>
/// SCIM's wire: application/scim+json bodies, errors as urn:ietf:params:scim:api:messages:2.0:Error with the status as
/// a string and a scimType where RFC 7644 §3.12 names one. Bodies are JSON nodes, so the service's snake_case policy
/// never touches SCIM's camelCase attribute names.
/// </summary>
public static class ScimResults
{
    public const string MediaType = "application/scim+json";
    public const string ErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";
    public const string ListSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string PatchSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    public static IResult Json(JsonNode body, int status = 200, string? etag = null, string? location = null) =>
        new Written(body, status, etag, location);

    public static IResult Error(int status, string detail, string? scimType = null)
    {
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(ErrorSchema),
            ["status"] = status.ToString(),
            ["detail"] = detail,
        };
        if (scimType is not null) body["scimType"] = scimType;
        return new Written(body, status, null, null);
    }

    public static IResult Error(ScimError error) => Error(error.Status, error.Detail, error.ScimType);

    public static IResult NoContent() => Results.StatusCode(204);

    public static IResult List(IReadOnlyList<JsonNode> resources, int total, int startIndex) => Json(new JsonObject
    {
        ["schemas"] = new JsonArray(ListSchema),
        ["totalResults"] = total,
        ["startIndex"] = startIndex,
        ["itemsPerPage"] = resources.Count,
        ["Resources"] = new JsonArray([.. resources]),
    });

    private sealed class Written(JsonNode body, int status, string? etag, string? location) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = MediaType;
            if (etag is not null) http.Response.Headers.ETag = etag;
            if (location is not null) http.Response.Headers.Location = location;
            await http.Response.WriteAsync(body.ToJsonString());
        }
    }
}

/// <summary>A refusal in SCIM's terms; the use cases return it, the handlers write it with <see cref="ScimResults.Error(ScimError)"/>.</summary>
public sealed record ScimError(int Status, string Detail, string? ScimType = null)
{
    public static ScimError InvalidValue(string detail) => new(400, detail, "invalidValue");
    public static ScimError InvalidSyntax(string detail) => new(400, detail, "invalidSyntax");
    public static ScimError InvalidPath(string detail) => new(400, detail, "invalidPath");
    public static ScimError InvalidFilter(string detail) => new(400, detail, "invalidFilter");
    public static ScimError Mutability(string detail) => new(400, detail, "mutability");
    public static ScimError Uniqueness(string detail) => new(409, detail, "uniqueness");
    public static ScimError NotFound(string detail) => new(404, detail);
    public static ScimError PreconditionFailed() => new(412, "The resource has changed since the version in If-Match");
    public static ScimError Conflict(string detail) => new(409, detail);
}
