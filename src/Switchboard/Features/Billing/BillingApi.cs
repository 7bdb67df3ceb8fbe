using Switchboard.Faces.PingBack;
using Switchboard.Features.Workspaces;
using Switchboard.Tenancy;

namespace Switchboard.Features.Billing;

public static class BillingApi
{
    public static IEndpointRouteBuilder MapBillingApi(this IEndpointRouteBuilder routes)
    {
        var billing = routes.MapGroup($"{PingBackFace.Prefix}/billing").WithTags("Billing").RequireCaller();
        billing.MapGet("", BillingEndpoints.GetAsync).Produces<BillingEndpoints.View>()
            .WithSummary("Plan, agent limit, agents used (pending full-seat invites count) and seats");
        billing.MapPut("/plan", BillingEndpoints.ChangePlanAsync)
            .Accepts<BillingEndpoints.PlanRequest>("application/json")
            .Produces<BillingEndpoints.View>()
            .WithSummary("Change plan: free, mini or pro (owner only)");
        return routes;
    }
}
