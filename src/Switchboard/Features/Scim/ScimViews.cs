using System.Text.Json.Nodes;
using Switchboard.Domain;

namespace Switchboard.Features.Scim;

/// <summary>Users and groups as SCIM resources (RFC 7643 §4), with meta, location and a weak ETag version.</summary>
public static class ScimViews
{
    public const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";

    /// <summary>The version changes with every SCIM write and with the membership's state, which the dashboard may change.</summary>
    public static string UserETag(ScimUser user, bool active) => $"W/\"{user.Version}{(active ? "a" : "i")}\"";

    public static string GroupETag(ScimGroup group) => $"W/\"{group.Version}\"";

    public static JsonObject User(ScimUser user, bool active, IEnumerable<ScimGroup> groups, string baseUrl)
    {
        var name = new JsonObject();
        if (user.GivenName is not null) name["givenName"] = user.GivenName;
        if (user.FamilyName is not null) name["familyName"] = user.FamilyName;
        var formatted = string.Join(' ', new[] { user.GivenName, user.FamilyName }.Where(p => p is not null));
        if (formatted.Length > 0) name["formatted"] = formatted;
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(UserSchema),
            ["id"] = user.Id.ToString(),
            ["userName"] = user.UserName,
            ["name"] = name,
            ["active"] = active,
            ["emails"] = new JsonArray(new JsonObject { ["value"] = user.Email, ["type"] = "work", ["primary"] = true }),
            ["groups"] = new JsonArray([.. groups.Select(g => (JsonNode)new JsonObject
            {
                ["value"] = g.Id.ToString(),
                ["display"] = g.DisplayName,
                ["$ref"] = $"{baseUrl}/Groups/{g.Id}",
            })]),
            ["meta"] = Meta("User", user.CreatedAt, user.UpdatedAt, UserETag(user, active), $"{baseUrl}/Users/{user.Id}"),
        };
        if (user.ExternalId is not null) body["externalId"] = user.ExternalId;
        if (user.DisplayName is not null) body["displayName"] = user.DisplayName;
        return body;
    }

    public static JsonObject Group(ScimGroup group, IReadOnlyList<ScimUser>? members, string baseUrl)
    {
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(GroupSchema),
            ["id"] = group.Id.ToString(),
            ["displayName"] = group.DisplayName,
            ["meta"] = Meta("Group", group.CreatedAt, group.UpdatedAt, GroupETag(group), $"{baseUrl}/Groups/{group.Id}"),
        };
        if (group.ExternalId is not null) body["externalId"] = group.ExternalId;
        if (members is not null)
            body["members"] = new JsonArray([.. members.Select(u => (JsonNode)new JsonObject
            {
                ["value"] = u.Id.ToString(),
                ["display"] = u.UserName,
                ["$ref"] = $"{baseUrl}/Users/{u.Id}",
            })]);
        return body;
    }

    private static JsonObject Meta(string type, DateTime created, DateTime modified, string version, string location) => new()
    {
        ["resourceType"] = type,
        ["created"] = created.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
        ["lastModified"] = modified.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
        ["version"] = version,
        ["location"] = location,
    };
}
