using Switchboard.Faces.PingBack;
using Switchboard.Features.Workspaces;
using Switchboard.Tenancy;

namespace Switchboard.Features.Audit;

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup($"{PingBackFace.Prefix}/team").WithTags("Team").RequireCaller()
            .MapGet("/audit", AuditEndpoints.ListAsync)
            .Produces<AuditEndpoints.AuditPage>()
            .WithSummary("Audit trail of the business, newest first, paged (owner or admin)");
        return routes;
    }
}
