using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Tenancy;

namespace Switchboard.Features.Routing.Offers;

/// <summary>Offer routing's routes and services: the agent's answer and the timeout sweep.</summary>
public static class OffersApi
{
    public static IServiceCollection AddSwitchboardOffers(this IServiceCollection services)
    {
        services.AddSingleton<OfferLapses>();
        services.AddHostedService(sp => sp.GetRequiredService<OfferLapses>());
        return services;
    }

    public static FaceRoutes MapOffersApi(this FaceRoutes faces)
    {
        var conversations = faces.PingBack.MapGroup("/conversations").WithTags("Conversations").RequireCaller();
        conversations.MapPost("/{id}/accept", AnswerOffer.AcceptAsync).Refuses(400, 403, 404, 409, 410)
            .Produces<ConversationView>()
            .WithSummary("Accept the conversation offered to you (offer routing): it is assigned to you. Refused 403 when it is offered to someone else, 409 when it is taken or not offered, 410 when your offer expired");
        conversations.MapPost("/{id}/decline", AnswerOffer.DeclineAsync).Refuses(400, 403, 404, 409, 410)
            .Produces<ConversationView>()
            .WithSummary("Decline the conversation offered to you (offer routing): it is offered to the next agent. Refused like accept");
        return faces;
    }
}
