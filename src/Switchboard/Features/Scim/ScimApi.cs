using Switchboard.Email;
using Switchboard.Faces;
using Switchboard.Tenancy;

namespace Switchboard.Features.Scim;

/// <summary>
/// SCIM 2.0 provisioning (docs/sso-scim.md): the owner's token and mapping routes on the PingBack face, and the SCIM
/// service itself on /scim/v2, authenticated by the provisioning token (the token names the workspace).
/// </summary>
public static class ScimApi
{
    public static FaceRoutes MapScimApi(this FaceRoutes faces, IEndpointRouteBuilder app)
    {
        var team = faces.PingBack.MapGroup("/team/scim").WithTags("SCIM").RequireCaller();
        team.MapPost("/tokens", ScimTokens.CreateAsync).Refuses(422)
            .Produces<ScimTokens.Created>(201)
            .WithSummary("Create a SCIM provisioning token (owner only); the token is shown once, in this answer");
        team.MapGet("/tokens", ScimTokens.ListAsync)
            .Produces<ScimTokens.Listed[]>()
            .WithSummary("The workspace's SCIM tokens, revoked ones included, never their secret (owner only)");
        team.MapDelete("/tokens/{id}", ScimTokens.RevokeAsync)
            .WithSummary("Revoke a SCIM token: it stops working at once on every node (owner only)");
        team.MapGet("/settings", ScimSettingsApi.GetAsync)
            .Produces<ScimSettingsApi.View>()
            .WithSummary("How provisioned users get a role and a seat: defaults and the group mapping (owner only)");
        team.MapPut("/settings", ScimSettingsApi.PutAsync).Refuses(402, 422)
            .Produces<ScimSettingsApi.View>()
            .WithSummary("Set the defaults and the group mapping; re-applied to every provisioned member at once (402 when the plan cannot hold it)");

        var scim = app.MapGroup("/scim/v2").WithTags("SCIM 2.0").AddEndpointFilter(ScimClient.Filter);
        scim.MapGet("/Users", ScimUsers.ListAsync).WithSummary("SCIM: provisioned users (filter userName/externalId/id/displayName eq, sortBy, sortOrder, startIndex, count)");
        scim.MapPost("/Users", ScimUsers.CreateAsync).WithSummary("SCIM: provision a user (409 past the plan's limit, nothing created)");
        scim.MapGet("/Users/{id}", ScimUsers.GetAsync).WithSummary("SCIM: one user");
        scim.MapPut("/Users/{id}", ScimUsers.ReplaceAsync).WithSummary("SCIM: replace a user");
        scim.MapPatch("/Users/{id}", ScimUsers.PatchAsync).WithSummary("SCIM: add/replace/remove operations; active:false suspends, active:true restores");
        scim.MapDelete("/Users/{id}", ScimUsers.DeleteAsync).WithSummary("SCIM: remove the member from the workspace (the account stays its holder's)");
        scim.MapGet("/Groups", ScimGroups.ListAsync).WithSummary("SCIM: groups (filter displayName/externalId/id eq, sortBy, sortOrder, excludedAttributes=members)");
        scim.MapPost("/Groups", ScimGroups.CreateAsync).WithSummary("SCIM: create a group; its members take the mapped role and seat");
        scim.MapGet("/Groups/{id}", ScimGroups.GetAsync).WithSummary("SCIM: one group");
        scim.MapPut("/Groups/{id}", ScimGroups.ReplaceAsync).WithSummary("SCIM: replace a group");
        scim.MapPatch("/Groups/{id}", ScimGroups.PatchAsync).WithSummary("SCIM: change members or name; roles and seats follow the mapping");
        scim.MapDelete("/Groups/{id}", ScimGroups.DeleteAsync).WithSummary("SCIM: delete a group; its members fall back to the mapping without it");
        scim.MapGet("/ServiceProviderConfig", ScimDiscovery.ServiceProviderConfig).WithSummary("SCIM: what this service supports");
        scim.MapGet("/ResourceTypes", ScimDiscovery.ResourceTypes).WithSummary("SCIM: User and Group");
        scim.MapGet("/ResourceTypes/{name}", (PublicLinks links, string name) => ScimDiscovery.ResourceType(links, name));
        scim.MapGet("/Schemas", ScimDiscovery.Schemas).WithSummary("SCIM: the attributes kept");
        scim.MapGet("/Schemas/{id}", (PublicLinks links, string id) => ScimDiscovery.Schema(links, id));
        // Anything else under /scim/v2 answers in SCIM's shape, not a face's.
        scim.Map("/{**rest}", () => ScimResults.Error(ScimError.NotFound("No such SCIM endpoint")));
        return faces;
    }
}
