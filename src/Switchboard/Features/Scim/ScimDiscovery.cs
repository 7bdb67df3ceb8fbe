using System.Text.Json.Nodes;
using Switchboard.Email;

namespace Switchboard.Features.Scim;

/// <summary>
/// /ServiceProviderConfig, /ResourceTypes and /Schemas (RFC 7643 §5–7), written from one table of the attributes
/// Switchboard keeps, so what it advertises is what <see cref="ScimUserDocument"/> and <see cref="ScimGroupDocument"/> read.
/// </summary>
public static class ScimDiscovery
{
    private sealed record Attr(string Name, string Type, bool Required = false, bool MultiValued = false,
        string Mutability = "readWrite", string Uniqueness = "none", bool CaseExact = false, Attr[]? Sub = null);

    private static readonly Attr[] UserAttributes =
    [
        new("userName", "string", Required: true, Uniqueness: "server"),
        new("externalId", "string", CaseExact: true),
        new("displayName", "string"),
        new("name", "complex", Sub: [new("givenName", "string"), new("familyName", "string"), new("formatted", "string", Mutability: "readOnly")]),
        new("emails", "complex", MultiValued: true, Sub: [new("value", "string"), new("type", "string"), new("primary", "boolean")]),
        new("active", "boolean"),
        new("groups", "complex", MultiValued: true, Mutability: "readOnly", Sub: [new("value", "string", Mutability: "readOnly"), new("display", "string", Mutability: "readOnly")]),
    ];

    private static readonly Attr[] GroupAttributes =
    [
        new("displayName", "string", Required: true, Uniqueness: "server"),
        new("externalId", "string", CaseExact: true),
        new("members", "complex", MultiValued: true, Sub: [new("value", "string", Mutability: "immutable"), new("display", "string", Mutability: "readOnly")]),
    ];

    public static IResult ServiceProviderConfig(PublicLinks links) => ScimResults.Json(new JsonObject
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"),
        ["documentationUri"] = links.Home + "docs",
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = ScimPaging.MaxCount },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = true },
        ["etag"] = new JsonObject { ["supported"] = true },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "Bearer token",
            ["description"] = "A provisioning token the workspace owner creates (POST /api/v1/team/scim/tokens)",
            ["primary"] = true,
        }),
        ["meta"] = new JsonObject { ["resourceType"] = "ServiceProviderConfig", ["location"] = ScimRequest.BaseUrl(links) + "/ServiceProviderConfig" },
    });

    public static IResult ResourceTypes(PublicLinks links)
    {
        var types = new List<JsonNode> { ResourceType("User", "/Users", ScimViews.UserSchema, links), ResourceType("Group", "/Groups", ScimViews.GroupSchema, links) };
        return ScimResults.List(types, types.Count, 1);
    }

    public static IResult Schemas(PublicLinks links)
    {
        var schemas = new List<JsonNode> { UserSchema(links), GroupSchema(links) };
        return ScimResults.List(schemas, schemas.Count, 1);
    }

    public static IResult Schema(PublicLinks links, string id) => id switch
    {
        ScimViews.UserSchema => ScimResults.Json(UserSchema(links)),
        ScimViews.GroupSchema => ScimResults.Json(GroupSchema(links)),
        _ => ScimResults.Error(ScimError.NotFound("Schema not found")),
    };

    public static IResult ResourceType(PublicLinks links, string name) => name.ToLowerInvariant() switch
    {
        "user" => ScimResults.Json(ResourceType("User", "/Users", ScimViews.UserSchema, links)),
        "group" => ScimResults.Json(ResourceType("Group", "/Groups", ScimViews.GroupSchema, links)),
        _ => ScimResults.Error(ScimError.NotFound("Resource type not found")),
    };

    private static JsonObject ResourceType(string name, string endpoint, string schema, PublicLinks links) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:ResourceType"),
        ["id"] = name,
        ["name"] = name,
        ["endpoint"] = endpoint,
        ["schema"] = schema,
        ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = $"{ScimRequest.BaseUrl(links)}/ResourceTypes/{name}" },
    };

    // The descriptions are RFC 7643 §8.7.1's, which clients (Microsoft's reference collection among them) look for.
    private static JsonObject UserSchema(PublicLinks links) => Schema(ScimViews.UserSchema, "User", "User Account", UserAttributes, links);

    private static JsonObject GroupSchema(PublicLinks links) => Schema(ScimViews.GroupSchema, "Group", "Group", GroupAttributes, links);

    private static JsonObject Schema(string id, string name, string description, Attr[] attributes, PublicLinks links) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Schema"),
        ["id"] = id,
        ["name"] = name,
        ["description"] = description,
        ["attributes"] = new JsonArray([.. attributes.Select(a => (JsonNode)Attribute(a))]),
        ["meta"] = new JsonObject { ["resourceType"] = "Schema", ["location"] = $"{ScimRequest.BaseUrl(links)}/Schemas/{id}" },
    };

    private static JsonObject Attribute(Attr a)
    {
        var node = new JsonObject
        {
            ["name"] = a.Name,
            ["type"] = a.Type,
            ["multiValued"] = a.MultiValued,
            ["required"] = a.Required,
            ["caseExact"] = a.CaseExact,
            ["mutability"] = a.Mutability,
            ["returned"] = "default",
            ["uniqueness"] = a.Uniqueness,
        };
        if (a.Sub is not null) node["subAttributes"] = new JsonArray([.. a.Sub.Select(s => (JsonNode)Attribute(s))]);
        return node;
    }
}
