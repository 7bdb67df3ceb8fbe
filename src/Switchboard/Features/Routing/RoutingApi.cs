using Switchboard.Faces;
using Switchboard.Faces.Pipeback;
using Switchboard.Faces.PingBack;
using Switchboard.Tenancy;
using Switchboard.Features.Routing.Offers;
using Switchboard.Features.Routing.Teams;

namespace Switchboard.Features.Routing;

public static class RoutingApi
{
    public static IServiceCollection AddSwitchboardRouting(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<RoutingOptions>(config.GetSection("Routing"));
        services.AddScoped<Router>();
        services.AddSingleton<Switchboard.Domain.IDomainEventHandler, RoutingTrigger>();
        services.AddSingleton<ReassignmentSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ReassignmentSweeper>());
        services.AddSingleton<RoutingClock>();
        services.AddHostedService(sp => sp.GetRequiredService<RoutingClock>());
        services.AddSwitchboardOffers();
        return services;
    }

    public static FaceRoutes MapRoutingApi(this FaceRoutes faces)
    {
        foreach (var group in new[] { faces.PingBack.MapGroup("/team").WithTags("Team"), faces.Pipeback.MapGroup("").WithTags("Pipeback") })
        {
            group.RequireCaller();
            group.MapGet("/routing", RoutingSettings.GetAsync).Refuses(400, 403, 404).Produces<RoutingView>()
                .WithSummary("Routing settings, queue length and each agent's load");
            group.MapPatch("/routing", RoutingSettings.UpdateAsync).Refuses(400, 403, 404).Accepts<RoutingSettings.Request>("application/json")
                .Produces<RoutingView>()
                .WithSummary("Change routing: mode manual|auto|offer, default_capacity, reassign_after_minutes, skills_fallback_seconds, sla {low, normal, high, urgent} seconds, offer_timeout_seconds, offer_lapses_before_away, after_hours_team_id (owner only)");
            group.MapPut("/members/{id}/capacity", RoutingSettings.SetCapacityAsync).Refuses(400, 403, 404)
                .Accepts<RoutingSettings.CapacityRequest>("application/json")
                .Produces<RoutingView>().WithSummary("Set a member's capacity, or null for the workspace default (owner or admin)");
        }
        faces.MapTeamsApi();
        faces.MapOffersApi();
        faces.PingBack.MapGroup("/team").WithTags("Team").RequireCaller()
            .MapGet("/supervisor", Supervisor.GetAsync).Refuses(403).Produces<Supervisor.View>()
            .WithSummary("The queue (length, longest waiting since) and each member's status, time in it and load (owner or admin)");
        return faces;
    }
}
