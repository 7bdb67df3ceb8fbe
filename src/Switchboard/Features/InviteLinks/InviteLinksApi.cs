using Switchboard.Faces;
using Switchboard.Faces.Pipeback;
using Switchboard.Features.Invites;
using Switchboard.Tenancy;

namespace Switchboard.Features.InviteLinks;

public static class InviteLinksApi
{
    /// <summary>Invite links on the Pipeback face: managed in the workspace of x-workspace-id, joined by anyone signed in.</summary>
    public static FaceRoutes MapInviteLinksApi(this FaceRoutes faces)
    {
        var manage = faces.Pipeback.MapGroup("/invite-links").WithTags("Invite links").RequireCaller();
        manage.MapGet("", ManageInviteLinks.ListAsync).Refuses(400, 403, 404)
            .WithSummary("The workspace's invite links, newest first, with uses and status (no secrets)");
        manage.MapPost("", ManageInviteLinks.CreateAsync).Refuses(400, 403, 404)
            .RequireRateLimiting(InvitesSetup.CreatePolicy)
            .Accepts<ManageInviteLinks.Request>("application/json")
            .Produces<InviteLinkView>(201)
            .WithSummary("Create a link {seat, role?, expires_in_days? ≤30, max_uses? ≤1000}; its URL is shown only here");
        manage.MapDelete("/{id}", ManageInviteLinks.RevokeAsync).Refuses(400, 403, 404)
            .WithSummary("Revoke a link: it stops working at once");

        // Not workspace-scoped: the secret names the workspace.
        var bySecret = faces.Pipeback.MapGroup("/invite-links").WithTags("Invite links").RequireRateLimiting(InvitesSetup.LinkPolicy);
        bySecret.MapPost("/preview", PreviewInviteLink.HandleAsync).Refuses(404, 429)
            .AllowAnonymous()
            .Accepts<JoinInviteLink.Request>("application/json")
            .WithSummary("What a link leads to {token}: the workspace (name, handle, logo), role, seat, expiry; 404 when it cannot be used");
        bySecret.MapPost("/join", JoinInviteLink.HandleAsync).Refuses(400, 401, 402, 403, 404)
            .RequireAuthorization()
            .Accepts<JoinInviteLink.Request>("application/json")
            .WithSummary("Join the link's workspace as the signed-in user (confirmed email; plan limits apply)");
        return faces;
    }
}
