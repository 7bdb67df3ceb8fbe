using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Features.Team;
using Switchboard.Tenancy;

namespace Switchboard.Features.Conversations;

public static class ConversationsApi
{
    public static FaceRoutes MapConversationsApi(this FaceRoutes faces)
    {
        faces.PingBack.MapPost("/conversations/", ConversationEndpoints.CreateAsync)
            .RequireAuthorization()
            .Accepts<ConversationEndpoints.CreateRequest>("application/json")
            .Produces<ConversationView>(201)
            .Produces<Routing.Teams.RefusalShapes.ValidationBody>(StatusCodes.Status422UnprocessableEntity)
            .WithTags("Conversations")
            .WithSummary("Open a conversation in a business you belong to");

        var conversations = faces.PingBack.MapGroup("/conversations").WithTags("Conversations").RequireCaller();
        conversations.MapGet("/", ConversationEndpoints.ListAsync).Produces<ConversationView[]>().WithSummary("Conversations of the business, newest first");
        conversations.MapGet("/{id}", ConversationEndpoints.GetAsync).Produces<ConversationView>().WithSummary("One conversation");
        conversations.MapPatch("/{id}", UpdateConversation.PatchAsync)
            .Accepts<UpdateConversation.Request>("application/json").Produces<ConversationView>()
            .Produces<Routing.Teams.RefusalShapes.DetailBody>(StatusCodes.Status400BadRequest)
            .Produces<Routing.Teams.RefusalShapes.DetailBody>(StatusCodes.Status404NotFound)
            .Produces<Routing.Teams.RefusalShapes.ValidationBody>(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Change team_id, required_skills (null clears) or priority (low|normal|high|urgent); routing looks again");
        conversations.MapPut("/{id}/resolve", ConversationEndpoints.ResolveAsync).Produces<ConversationView>().WithSummary("Resolve a conversation");
        conversations.MapPost("/{id}/reply", ConversationEndpoints.ReplyAsync).Produces<ConversationView>()
            .WithSummary("Record that the assignee replied (stops reassignment for silence)");
        conversations.MapPut("/{id}/close", ConversationEndpoints.CloseAsync).Produces<ConversationView>().WithSummary("Close a conversation");
        conversations.MapPut("/{id}/assign/{agent_id}", AssignConversation.ViaConversationAsync)
            .WithSummary("Assign to an agent (owner or admin); same rules as POST /team/assign");

        faces.PingBack.MapGroup("/team").WithTags("Team").RequireCaller()
            .MapPost("/assign/{conversation_id}", AssignConversation.ViaTeamAsync)
            .WithSummary("Assign a conversation to an agent (owner or admin); the agent gets conversation_assigned");
        return faces;
    }
}
