using Switchboard.Faces.Pipeback;
using Switchboard.Features.Workspaces;
using Switchboard.Tenancy;

namespace Switchboard.Features.Subscription;

public static class SubscriptionApi
{
    public static IEndpointRouteBuilder MapSubscriptionApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup($"{PipebackFace.Prefix}/subscription").WithTags("Subscription").RequireCaller()
            .MapGet("", GetSubscription.HandleAsync)
            .WithSummary("Plan, seats (full, lite) and the seat ledger (owner only)");
        return routes;
    }
}
