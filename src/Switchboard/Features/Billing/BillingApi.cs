using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Tenancy;

namespace Switchboard.Features.Billing;

public static class BillingApi
{
    public static FaceRoutes MapBillingApi(this FaceRoutes faces)
    {
        var billing = faces.PingBack.MapGroup("/billing").WithTags("Billing").RequireCaller();
        billing.MapGet("", BillingEndpoints.GetAsync).Refuses(400, 403, 404).Produces<BillingEndpoints.View>()
            .WithSummary("Plan, agent limit, agents used (pending full-seat invites count) and seats");
        billing.MapPut("/plan", BillingEndpoints.ChangePlanAsync).Refuses(400, 402, 403, 404)
            .Accepts<BillingEndpoints.PlanRequest>("application/json")
            .Produces<BillingEndpoints.View>()
            .WithSummary("Change plan: free, mini or pro (owner only)");

        // The same billing, as Pipeback shows it: seats and their ledger.
        faces.Pipeback.MapGroup("/subscription").WithTags("Billing").RequireCaller()
            .MapGet("", GetSubscription.HandleAsync).Refuses(403)
            .WithSummary("Plan, seats (full, lite) and the seat ledger (owner only)");
        return faces;
    }
}
