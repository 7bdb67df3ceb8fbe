using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Operations;
using Switchboard.Tenancy;

namespace Switchboard.Features.Routing.Offers;

/// <summary>
/// POST /api/v1/conversations/{id}/accept and /decline: only the agent a conversation is offered to may answer,
/// and only before the offer expires. Decided under the workspace's exclusive lock — the one routing and the lapse
/// sweep take — so an accept racing another accept, a decline, a lapse or an accept on another node is decided
/// once: the loser reads the winner's outcome and is refused with words. The offer already took a slot of the
/// agent's capacity, so an accept never pushes them past it.
/// </summary>
public static class AnswerOffer
{
    public const string AssignedBy = "offer";

    public static Task<IResult> AcceptAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time, string id) =>
        AnswerAsync(http, db, events, time, id, accept: true);

    public static Task<IResult> DeclineAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time, string id) =>
        AnswerAsync(http, db, events, time, id, accept: false);

    private static async Task<IResult> AnswerAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time,
        string id, bool accept)
    {
        var caller = http.Caller();
        if (!Guid.TryParse(id, out var conversationId)) return Answer.Refuse(Failure.NotFound("Conversation not found"));
        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        if (work is null) return Answer.Refuse(Failure.NotFound("Conversation not found"));
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId && c.WorkspaceId == caller.WorkspaceId);
        if (conversation is null) return Answer.Refuse(Failure.NotFound("Conversation not found"));
        var now = time.Now();
        if (Refusal(conversation, caller.UserId, now) is { } refused) return Answer.Refuse(refused);
        var member = await db.Memberships.FirstOrDefaultAsync(m => m.WorkspaceId == caller.WorkspaceId && m.UserId == caller.UserId);
        if (member is null) return Answer.Refuse(Failure.NotFound("Team member not found"));
        // An answer, either way, shows the agent is at the desk: their run of lapses starts again.
        member.OfferLapses = 0;
        if (accept)
        {
            var assigned = conversation.AssignTo(member, now);
            if (!assigned.Succeeded) return Answer.Refuse(Failure.Blocked(assigned.Failure.Message));
            Telemetry.RoutingDecisions.Add(1, new KeyValuePair<string, object?>("kind", "offer_accepted"));
            AuditLog.Record(db, now, caller.WorkspaceId, caller.UserId, "conversation.assigned", "conversation", conversation.Id,
                new { agent_id = caller.UserId, previous_agent_id = (Guid?)null, assigned_by = AssignedBy });
            work.Raise(new ConversationAssigned(caller.WorkspaceId, conversation.Id, caller.UserId, caller.UserId, AssignedBy, now, null)
                { Conversation = conversation });
        }
        else
        {
            conversation.PassOffer(now);
            Telemetry.RoutingDecisions.Add(1, new KeyValuePair<string, object?>("kind", "offer_declined"));
            AuditLog.Record(db, now, caller.WorkspaceId, caller.UserId, "conversation.offer_declined", "conversation", conversation.Id,
                new { agent_id = caller.UserId });
            work.Raise(new ConversationOfferEnded(caller.WorkspaceId, conversation.Id, caller.UserId, "declined"));
            // The queue drains after the commit and offers the conversation to the next agent.
            work.Raise(new RoutingChanged(caller.WorkspaceId));
        }
        await work.CommitAsync();
        return Answer.Value(ConversationView.From(conversation));
    }

    /// <summary>Why this caller may not answer an offer of this conversation now; null when they may.</summary>
    public static Failure? Refusal(Conversation conversation, Guid userId, DateTime now)
    {
        if (conversation.IsFinished) return Failure.Blocked($"The conversation is {conversation.Status.Wire()}; there is nothing to accept or decline");
        if (conversation.OfferedToUserId == userId)
            return conversation.OfferExpiresAt <= now
                ? Failure.Gone($"The offer expired at {PingBackFace.Timestamp(conversation.OfferExpiresAt!.Value)}; the conversation goes to the next agent")
                : null;
        if (conversation.AssigneeUserId == userId) return Failure.Blocked("You already hold this conversation");
        if (conversation.AssigneeUserId is not null) return Failure.Blocked("The conversation is already assigned to another agent");
        // Before "offered to another": an agent whose offer just lapsed learns that, not only that someone else has it.
        if (conversation.PassedBy.Contains(userId))
            return Failure.Gone("Your offer of this conversation has ended (declined or expired); it goes to the next agent");
        if (conversation.OfferedToUserId is not null) return Failure.Forbidden("The conversation is offered to another agent; only they may answer");
        return Failure.Blocked("The conversation is not offered to anyone; only an offered agent may accept or decline");
    }
}
