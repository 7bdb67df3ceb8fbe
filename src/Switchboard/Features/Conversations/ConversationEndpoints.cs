using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Tenancy;

namespace Switchboard.Features.Conversations;

/// <summary>The minimal conversation routes the service needs, so assignment can be exercised end to end.</summary>
public static class ConversationEndpoints
{
    public sealed record CreateRequest(Guid BusinessId, string? CustomerId, string? InitialMessage,
        Guid? TeamId = null, IReadOnlyList<string>? RequiredSkills = null, string? Priority = null);

    public static async Task<IResult> CreateAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var businessId = input.Uuid("business_id", input.String("business_id", required: true, max: 64), required: false);
        var customerId = input.String("customer_id", max: 255);
        var message = input.String("initial_message", max: 10_000);
        var routing = ConversationRouting.Read(input, body);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var userId = http.User.UserId();
        var member = await db.Memberships.AsNoTracking()
            .AnyAsync(m => m.WorkspaceId == businessId && m.UserId == userId && m.IsActive);
        if (!member) return Answer.Refuse(Failure.NotFound("Business not found"));
        var problems = await routing.CheckAsync(db, businessId!.Value);
        if (problems.Count > 0) return Answer.Invalid(problems);

        var now = time.Now();
        var workspace = await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == businessId.Value);
        var conversation = new Conversation
        {
            WorkspaceId = businessId.Value, CustomerId = customerId, InitialMessage = message,
            CreatedAt = now, UpdatedAt = now,
        };
        routing.ApplyTo(conversation, workspace, now);
        conversation.ApplySla(workspace, now);
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync();
        await events.PublishAsync(new ConversationCreated(conversation.WorkspaceId, conversation.Id));
        // Auto routing may have assigned it already: answer with what is stored now. The row is committed,
        // so if that read fails the answer is still 201, from what we saved, never an error for a stored row.
        var stored = await TryReadAsync(db, conversation.Id) ?? conversation;
        return Answer.Value(ConversationView.From(stored), 201);
    }

    public static async Task<IResult> ListAsync(HttpContext http, SwitchboardDb db, string? status = null)
    {
        var caller = http.Caller();
        var input = Input.Empty("query");
        var wanted = input.Choice<ConversationStatus>("status", status);
        if (!input.IsValid) return Answer.Invalid(input.Errors);
        var query = db.Conversations.AsNoTracking().Where(c => c.WorkspaceId == caller.WorkspaceId);
        if (wanted is { } s) query = query.Where(c => c.Status == s);
        var rows = await query.OrderByDescending(c => c.CreatedAt).Take(500).ToListAsync();
        return Answer.Value(rows.Select(ConversationView.From));
    }

    public static async Task<IResult> GetAsync(HttpContext http, SwitchboardDb db, string id)
    {
        var conversation = await FindAsync(db, http.Caller(), id);
        return conversation is null ? NotFound() : Answer.Value(ConversationView.From(conversation));
    }

    public static Task<IResult> ResolveAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time, string id) =>
        FinishAsync(http, db, events, time, id, ConversationStatus.Resolved);

    public static Task<IResult> CloseAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time, string id) =>
        FinishAsync(http, db, events, time, id, ConversationStatus.Closed);

    /// <summary>POST /api/v1/conversations/{id}/reply: records that the assignee answered (bodies live in the chat product).</summary>
    public static async Task<IResult> ReplyAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time, string id)
    {
        var caller = http.Caller();
        var (body, error) = await JsonBody.ReadAsync(http.Request, required: false);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        input.String("message", max: 10_000);
        if (!input.IsValid) return Answer.Invalid(input.Errors);
        await using var work = await WorkspaceWork.BeginAsync(db, events, caller, shared: true);
        if (work is null) return NotFound();
        var conversation = await FindAsync(db, caller, id, tracked: true);
        if (conversation is null) return NotFound();
        if (conversation.IsFinished) return Answer.Refuse(Failure.Invalid($"Conversation is {conversation.Status.Wire()}"));
        var now = time.Now();
        if (conversation.AssigneeUserId == caller.UserId)
        {
            conversation.AssigneeRepliedAt = now;
            // The first reply meets the first-response target unless it already passed.
            if (conversation.FirstResponseAt is null)
            {
                conversation.FirstResponseAt = now;
                if (conversation.SlaDueAt is not null && conversation.SlaState != SlaState.Breached) conversation.SlaState = SlaState.Met;
            }
        }
        conversation.UpdatedAt = now;
        await work.CommitAsync();
        return Answer.Value(ConversationView.From(conversation));
    }

    private static async Task<IResult> FinishAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time,
        string id, ConversationStatus target)
    {
        var caller = http.Caller();
        if (!caller.May(Permission.HandleConversations)) return Answer.Refuse(Failure.Forbidden("Forbidden"));
        // Shared, as a manual assignment: finishing counts nothing, but must not pass a routing pass mid-way.
        await using var work = await WorkspaceWork.BeginAsync(db, events, caller, shared: true);
        if (work is null) return NotFound();
        var conversation = await FindAsync(db, caller, id, tracked: true);
        if (conversation is null) return NotFound();
        if (conversation.Status == target)
            return Answer.Value(new { detail = $"Already {target.Wire()}" });
        if (conversation.Status == ConversationStatus.Closed)
            return Answer.Refuse(Failure.Invalid("Conversation is closed"));
        var now = time.Now();
        var previous = conversation.Status;
        conversation.Status = target;
        // A finished conversation is offered to nobody (and its offer no longer takes the agent's slot).
        conversation.ClearOffer();
        conversation.UpdatedAt = now;
        AuditLog.Record(db, now, caller.WorkspaceId, caller.UserId, $"conversation.{target.Wire()}", "conversation",
            conversation.Id, new { from = previous.Wire() });
        work.Raise(new ConversationFinished(caller.WorkspaceId, conversation.Id, conversation.AssigneeUserId));
        await work.CommitAsync();
        return Answer.Value(ConversationView.From(conversation));
    }

    private static async Task<Conversation?> FindAsync(SwitchboardDb db, Caller caller, string id, bool tracked = false)
    {
        if (!Guid.TryParse(id, out var conversationId)) return null;
        var query = tracked ? db.Conversations : db.Conversations.AsNoTracking();
        return await query.FirstOrDefaultAsync(c => c.Id == conversationId && c.WorkspaceId == caller.WorkspaceId);
    }

    private static async Task<Conversation?> TryReadAsync(SwitchboardDb db, Guid id)
    {
        try
        {
            return await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id);
        }
        catch (System.Data.Common.DbException)
        {
            return null;
        }
    }

    private static IResult NotFound() => Answer.Refuse(Failure.NotFound("Conversation not found"));
}
