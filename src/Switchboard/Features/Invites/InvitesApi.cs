using Switchboard.Faces;
using Switchboard.Faces.Pipeback;
using Switchboard.Tenancy;

namespace Switchboard.Features.Invites;

public static class InvitesApi
{
    /// <summary>Pipeback's invite routes (seed) plus resend and join; the members they lead to are Team's.</summary>
    public static FaceRoutes MapInvitesApi(this FaceRoutes faces)
    {
        var workspace = faces.Pipeback.MapGroup("/invites").WithTags("Invites").RequireCaller();
        workspace.MapGet("", ListInvites.HandleAsync).Refuses(400, 403)
            .WithSummary("Invites of the workspace (x-workspace-id): pending by default, ?status=pending|expired|revoked|accepted|open|all; " +
                "with page, page_size (1-100, default 50) or sort (created|-created) one page and {data, meta: {current_page, last_page, per_page, total}}");
        workspace.MapPost("", CreateInvite.HandleAsync).Refuses(400, 402, 403, 404, 429)
            .RequireRateLimiting(InvitesSetup.CreatePolicy)
            .Accepts<CreateInvite.Request>("application/json")
            .Produces<InviteView<InviteWorkspace>>(201)
            .Produces(200)
            .WithSummary("Invite by email (seat full|lite, role agent|admin); an existing user is added at once");
        workspace.MapPost("/bulk", BulkInvite.HandleAsync).Refuses(400, 402, 403, 404, 429)
            .RequireRateLimiting(InvitesSetup.CreatePolicy)
            .Accepts<BulkInvite.Request>("application/json")
            .WithSummary("Invite up to 100 addresses in order under the workspace lock; one result per address");
        workspace.MapDelete("/{id}", RevokeInvite.HandleAsync).Refuses(403, 404)
            .WithSummary("Revoke a pending invite: its link answers 404 from then on");
        workspace.MapPost("/{id}/resend", ResendInvite.HandleAsync).Refuses(400, 402, 403, 404, 429)
            .RequireRateLimiting(InvitesSetup.ResendPolicy)
            .WithSummary("Send the invite mail again and renew its expiry (rate-limited)");

        var link = faces.Pipeback.MapGroup("/invites").WithTags("Invites").RequireRateLimiting(InvitesSetup.LinkPolicy);
        link.MapGet("/{id}", ShowInvite.HandleAsync).Refuses(404)
            .AllowAnonymous()
            .WithSummary("The invite behind a link, with the workspace's logo (no authentication)");
        link.MapPost("/{id}", AcceptInvite.HandleAsync).Refuses(400, 402, 404)
            .AllowAnonymous()
            .Accepts<AcceptInvite.Request>("application/json")
            .Produces<AcceptInvite.Response>()
            .AnswersBare()
            .WithSummary("Accept: create the account, join the workspace, get a token");
        link.MapPost("/{id}/join", JoinInvite.HandleAsync).Refuses(400, 401, 402, 403, 404)
            .RequireAuthorization()
            .WithSummary("Join as the signed-in user the invite was sent to (no new password)");

        return faces;
    }
}
