using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Tenancy;

namespace Switchboard.Features.Audit;

public static class AuditApi
{
    public static FaceRoutes MapAuditApi(this FaceRoutes faces)
    {
        faces.PingBack.MapGroup("/team").WithTags("Team").RequireCaller()
            .MapGet("/audit", AuditEndpoints.ListAsync).Refuses(400, 403)
            .Produces<AuditEndpoints.AuditPage>()
            .WithSummary("Audit trail of the business, newest first, paged (owner or admin)");
        return faces;
    }
}
