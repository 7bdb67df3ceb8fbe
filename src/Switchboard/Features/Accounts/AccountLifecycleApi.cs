using Switchboard.Faces;
using Switchboard.Features.Team;
using Switchboard.Features.Workspaces;
using Switchboard.Tenancy;

namespace Switchboard.Features.Accounts;

/// <summary>
/// The routes that change who an account is or whether it (or a workspace) exists at all: email change, export,
/// account deletion, ownership transfer and workspace deletion. Mapped apart from each area's everyday routes so the
/// grave steps read together: each asks for proof (the password, or the workspace's typed name).
/// </summary>
public static class AccountLifecycleApi
{
    public static FaceRoutes MapAccountLifecycleApi(this FaceRoutes faces)
    {
        var auth = faces.PingBack.MapGroup("/auth").WithTags("Accounts");
        auth.MapPost("/email/change", ChangeEmail.RequestAsync).Refuses(400, 401, 409, 410, 429)
            .Accepts<ChangeEmail.Request>("application/json")
            .Produces<ChangeEmail.Response>(202)
            .RequireAuthorization()
            .WithSummary("Ask to move the account to a new address (password asked): a link goes to the new one, a notice to the old");
        auth.MapPost("/email/confirm", ChangeEmail.ConfirmAsync).Refuses(400, 401, 409, 410, 429)
            .Accepts<ChangeEmail.ConfirmRequest>("application/json")
            .Produces<ChangeEmail.Confirmed>()
            .RequireRateLimiting(AccountLimits.VerifyConfirmPolicy)
            .WithSummary("Switch the address with the token of the link mailed to the new one (no sign-in needed); 409 when taken meanwhile");
        auth.MapGet("/me/export", ExportAccount.HandleAsync).Refuses(401)
            .Produces<ExportAccount.Response>()
            .RequireAuthorization()
            .WithSummary("Everything held about the caller as JSON: profile, memberships, sessions, audit rows about them (no secrets)");
        auth.MapDelete("/me", DeleteAccount.HandleAsync).Refuses(400, 401, 402, 403, 404, 409, 429)
            .Accepts<DeleteAccount.Request>("application/json")
            .Produces(204)
            .RequireAuthorization()
            .WithSummary("Delete the account (password asked); 409 while it owns a business with other members");

        faces.PingBack.MapGroup("/team").WithTags("Team").RequireCaller()
            .MapPost("/transfer-ownership", TransferOwnership.HandleAsync).Refuses(400, 401, 402, 403, 404, 429)
            .Accepts<TransferOwnership.Request>("application/json")
            .Produces<TransferOwnership.Response>()
            .WithSummary("Hand the business to an active member with a confirmed address (owner only, password asked); you become an admin");
        faces.PingBack.MapGroup("/business").WithTags("Workspaces").RequireCaller()
            .MapDelete("", DeleteWorkspace.HandleAsync).Refuses(400, 403, 404)
            .Accepts<DeleteWorkspace.Request>("application/json")
            .Produces(204)
            .WithSummary("Delete the business and everything in it (owner only; its exact name as confirmation)");
        return faces;
    }
}
