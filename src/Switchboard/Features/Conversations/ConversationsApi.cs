using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Features.Team;
using Switchboard.Tenancy;

namespace Switchboard.Features.Conversations;

public static class ConversationsApi
{
    public static FaceRoutes MapConversationsApi(this FaceRoutes faces)
    {
        faces.PingBack.MapPost("/conversations/", ConversationEndpoints.CreateAsync).Refuses(400, 403, 404)
            .RequireAuthorization()
            .Accepts<ConversationEndpoints.CreateRequest>("application/json")
            .Produces<ConversationView>(201)
            .WithTags("Conversations")
            .WithSummary("Open a conversation in a business you belong to");

        var conversations = faces.PingBack.MapGroup("/conversations").WithTags("Conversations").RequireCaller();
        conversations.MapGet("/", ConversationEndpoints.ListAsync).Refuses(400, 403, 404).Produces<ConversationView[]>().WithSummary("Conversations of the business, newest first");
        conversations.MapGet("/{id}", ConversationEndpoints.GetAsync).Refuses(400, 403, 404).Produces<ConversationView>().WithSummary("One conversation");
        conversations.MapPatch("/{id}", UpdateConversation.PatchAsync).Refuses(400, 403, 404)
            .Accepts<UpdateConversation.Request>("application/json").Produces<ConversationView>()
            .WithSummary("Change team_id, required_skills (null clears) or priority (low|normal|high|urgent); routing looks again");
        conversations.MapPut("/{id}/resolve", ConversationEndpoints.ResolveAsync).Refuses(400, 403, 404).Produces<ConversationView>().WithSummary("Resolve a conversation");
        conversations.MapPost("/{id}/reply", ConversationEndpoints.ReplyAsync).Refuses(400, 403, 404).Produces<ConversationView>()
            .WithSummary("Record that the assignee replied (stops reassignment for silence)");
        conversations.MapPut("/{id}/close", ConversationEndpoints.CloseAsync).Refuses(400, 403, 404).Produces<ConversationView>().WithSummary("Close a conversation");
        conversations.MapPut("/{id}/assign/{agent_id}", AssignConversation.ViaConversationAsync).Refuses(400, 403, 404)
            .WithSummary("Assign to an agent (owner or admin); same rules as POST /team/assign");

        faces.PingBack.MapGroup("/team").WithTags("Team").RequireCaller()
            .MapPost("/assign/{conversation_id}", AssignConversation.ViaTeamAsync).Refuses(400, 403, 404)
            .WithSummary("Assign a conversation to an agent (owner or admin); the agent gets conversation_assigned");
        return faces;
    }
}
