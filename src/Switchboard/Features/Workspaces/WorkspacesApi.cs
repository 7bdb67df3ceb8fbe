using Switchboard.Faces;
using Switchboard.Faces.PingBack;

using Switchboard.Tenancy;

namespace Switchboard.Features.Workspaces;

public static class WorkspacesApi
{
    public static FaceRoutes MapWorkspacesApi(this FaceRoutes faces)
    {
        faces.PingBack.MapPost("/auth/business/create", CreateBusiness.HandleAsync).Refuses(400, 402)
            .RequireAuthorization()
            .RequireRateLimiting(Accounts.AccountLimits.BusinessCreatePolicy)
            .Accepts<CreateBusiness.Request>("application/json")
            .Produces<WorkspaceView>(201)
            .WithTags("Workspaces")
            .WithSummary("Create a business; the caller becomes its owner on the Free plan");

        var business = faces.PingBack.MapGroup("/business").WithTags("Workspaces").RequireCaller();
        business.MapGet("", UpdateBusiness.Get).Refuses(400, 403).Produces<WorkspaceView>().WithSummary("The business profile");
        business.MapPatch("", UpdateBusiness.HandleAsync).Refuses(400, 403)
            .Accepts<UpdateBusiness.Request>("application/json")
            .Produces<WorkspaceView>()
            .WithSummary("Change name, logo (absolute http(s) URL or null) or website (owner only)");

        var settings = faces.PingBack.MapGroup("/team/settings").WithTags("Team").RequireCaller();
        settings.MapGet("", TeamSettings.Get).Refuses(400, 403, 409).Produces<TeamSettings.View>().WithSummary("Team settings");
        settings.MapPatch("", TeamSettings.UpdateAsync).Refuses(400, 403, 409)
            .Accepts<TeamSettings.Request>("application/json")
            .Produces<TeamSettings.View>()
            .WithSummary("Change team settings (owner only)");
        return faces;
    }
}
