using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Tenancy;

namespace Switchboard.Features.Conversations;

/// <summary>
/// PATCH /api/v1/conversations/{id} {team_id?, required_skills?, priority?} (any member who handles conversations):
/// changes how the conversation is routed. It runs under the workspace lock (shared, as a manual assignment), so a
/// routing pass sees the conversation before or after the change, never half of it; then routing drains.
/// </summary>
public static class UpdateConversation
{
    public sealed record Request(Guid? TeamId, IReadOnlyList<string>? RequiredSkills, string? Priority);

    public static async Task<IResult> PatchAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time, string id)
    {
        var caller = http.Caller();
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var routing = ConversationRouting.Read(input, body);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        await using var work = await WorkspaceWork.BeginAsync(db, events, caller, shared: true);
        var conversation = work is null || !Guid.TryParse(id, out var conversationId) ? null
            : await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId && c.WorkspaceId == caller.WorkspaceId);
        if (conversation is null) return Answer.Refuse(Failure.NotFound("Conversation not found"));
        if (!caller.May(Permission.HandleConversations)) return Answer.Refuse(Failure.Forbidden("Forbidden"));
        if (conversation.IsFinished) return Answer.Refuse(Failure.Invalid($"Conversation is {conversation.Status.Wire()}"));
        var problems = await routing.CheckAsync(db, caller.WorkspaceId);
        if (problems.Count > 0) return Answer.Invalid(problems);
        var now = time.Now();
        if (routing.ApplyTo(conversation, work!.Workspace, now))
        {
            conversation.UpdatedAt = now;
            AuditLog.Record(db, now, caller.WorkspaceId, caller.UserId, "conversation.routing_changed", "conversation",
                conversation.Id, new { team_id = conversation.TeamId, required_skills = conversation.Skills, priority = conversation.Priority.Wire() });
            // Who may take it has changed: routing looks again.
            work.Raise(new RoutingChanged(caller.WorkspaceId));
        }
        await work.CommitAsync();
        return Answer.Value(ConversationView.From(conversation));
    }
}
