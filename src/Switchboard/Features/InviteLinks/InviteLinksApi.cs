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
        manage.MapGet("", ManageInviteLinks.ListAsync)
            .WithSummary("The workspace's invite links, newest first, with uses and status (no secrets)");
        manage.MapPost("", ManageInviteLinks.CreateAsync)
            .RequireRateLimiting(InvitesSetup.CreatePolicy)
            .Accepts<ManageInviteLinks.Request>("application/json")
            .WithSummary("Create a link {seat, role?, expires_in_days? ≤30, max_uses? ≤1000}; its URL is shown only here");
        manage.MapDelete("/{id}", ManageInviteLinks.RevokeAsync)
            .WithSummary("Revoke a link: it stops working at once");

        // Not workspace-scoped: the secret names the workspace.
        var bySecret = faces.Pipeback.MapGroup("/invite-links").WithTags("Invite links").RequireRateLimiting(InvitesSetup.LinkPolicy);
        bySecret.MapPost("/preview", PreviewInviteLink.HandleAsync)
            .AllowAnonymous()
            .Accepts<JoinInviteLink.Request>("application/json")
            .WithSummary("What a link leads to {token}: the workspace (name, handle, logo), role, seat, expiry; 404 when it cannot be used");
        bySecret.MapPost("/join", JoinInviteLink.HandleAsync)
            .RequireAuthorization()
            .Accepts<JoinInviteLink.Request>("application/json")
            .WithSummary("Join the link's workspace as the signed-in user (confirmed email; plan limits apply)");
        return faces;
    }
}
