using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Tenancy;

namespace Switchboard.Features.Conversations;

/// <summary>
/// Assigns a conversation to an active, full-seat member; both PingBack routes
/// (POST /team/assign/{id}?agent_id= and PUT /conversations/{id}/assign/{agent_id}) share these rules, and
/// <see cref="Conversation.AssignTo"/> is the same rule routing uses, under the same workspace lock — shared,
/// since a manual assignment counts nothing — so a manual assignment and a routing pass never interleave, and
/// LastAssignedAt moves either way, saved with the assignment. (It was written after the commit while concurrent
/// assignments of one workspace each held the agent's row to their own commit; they now share a batch instead —
/// <see cref="AssignmentBatches"/> — which holds it for its last round trip only.)
/// </summary>
public static class AssignConversation
{
    private sealed record Found(Conversation Conversation, Membership? Agent, Role? CallerRole, bool? CallerActive);

    // Compiled once (per provider): the hottest write skips EF Core's per-call expression hashing and parameter
    // extraction (bench/README.md, "Writes on one node"). Left joins on the unique (workspace, user) membership
    // key rather than correlated subqueries, so the same query runs on SQLite and PostgreSQL.
    private static readonly CompiledPerProvider<Func<SwitchboardDb, Guid, Guid, Guid, Guid, Task<Found?>>> Lookup = new(() =>
        EF.CompileAsyncQuery((SwitchboardDb db, Guid workspaceId, Guid conversationId, Guid agentUserId, Guid callerId) =>
            (from c in db.Conversations.AsNoTracking()
             where c.Id == conversationId && c.WorkspaceId == workspaceId
             from agent in db.Memberships.AsNoTracking()
                 .Where(m => m.WorkspaceId == c.WorkspaceId && m.UserId == agentUserId && m.IsActive).DefaultIfEmpty()
             from me in db.Memberships.AsNoTracking()
                 .Where(m => m.WorkspaceId == c.WorkspaceId && m.UserId == callerId).DefaultIfEmpty()
             select new Found(c, agent, me == null ? null : me.Role, me == null ? null : me.IsActive))
            .FirstOrDefault()));

    public static async Task<Result<Conversation>> AssignAsync(SwitchboardDb db, IDomainEvents events, DateTime now,
        Caller caller, Guid conversationId, Guid agentUserId)
    {
        // Shared: manual assignments do not wait for each other, only for routing and other counting writes. Begun
        // without the caller: their rights are read below, in the same query as the conversation and the agent, and
        // judged as WorkspaceWork.BeginAsync(caller) would (one round trip fewer on the hottest write).
        await using var work = await WorkspaceWork.BeginAsync(db, events, caller.WorkspaceId, shared: true);
        if (work is null) return Failure.NotFound("Conversation not found");
        // The conversation, the agent and the caller's rights in one round trip; untracked, and attached below only
        // once the rules allow the assignment.
        var found = await Lookup.For(db)(db, caller.WorkspaceId, conversationId, agentUserId, caller.UserId);
        var rights = found?.CallerRole is { } role ? new LockedRights.Row(role, found.CallerActive ?? false) : null;
        switch (Judge(caller, work.Workspace, found?.Conversation, rights, found?.Agent))
        {
            case Failure failure: return failure;
            case CallerRightsChangedException changed: throw changed;
        }
        var (conversation, agent) = (found!.Conversation, found.Agent!);
        db.Conversations.Attach(conversation);
        // Tracked from here, so the tie-break (LastAssignedAt, which AssignTo moves) is saved with the assignment.
        db.Memberships.Attach(agent);
        var assigned = conversation.AssignTo(agent, now);
        if (!assigned.Succeeded) return assigned.Failure;
        var previous = assigned.Value;
        AuditLog.Record(db, now, caller.WorkspaceId, caller.UserId, "conversation.assigned", "conversation",
            conversation.Id, new { agent_id = agentUserId, previous_agent_id = previous });
        work.Raise(new ConversationAssigned(caller.WorkspaceId, conversation.Id, agentUserId,
            caller.UserId, caller.UserId.ToString(), now, previous) { Conversation = conversation });
        await work.CommitAsync();
        return conversation;
    }

    /// <summary>
    /// Several assignments of one workspace in one unit of work (<see cref="AssignmentBatches"/>): the same rules as
    /// <see cref="AssignAsync"/>, in the same order, judged for each request in arrival order against one read of
    /// every conversation and member the batch names. Each request is answered here when its answer needs no commit
    /// (a refusal) or once the batch committed and its events went out; false when nothing committed and the requests
    /// not yet answered must be tried again (no exception escapes for a refusal).
    /// </summary>
    internal static async Task<bool> AssignBatchAsync(SwitchboardDb db, IDomainEvents events,
        IReadOnlyList<AssignmentBatches.Request> batch)
    {
        var workspaceId = batch[0].Caller.WorkspaceId;
        await using var work = await WorkspaceWork.BeginAsync(db, events, workspaceId, shared: true);
        if (work is null)
        {
            foreach (var request in batch) request.Done.TrySetResult(Failure.NotFound("Conversation not found"));
            return true;
        }
        var conversationIds = batch.Select(r => r.ConversationId).ToList();
        var userIds = batch.Select(r => r.AgentUserId).Concat(batch.Select(r => r.Caller.UserId)).Distinct().ToList();
        // Tracked: the conversations this batch assigns and their agents' tie-break (LastAssignedAt, which AssignTo
        // moves) are saved together; nothing else read here is written.
        var conversations = await db.Conversations
            .Where(c => c.WorkspaceId == workspaceId && conversationIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id);
        var members = await db.Memberships
            .Where(m => m.WorkspaceId == workspaceId && userIds.Contains(m.UserId))
            .ToDictionaryAsync(m => m.UserId);

        var assigned = new List<(AssignmentBatches.Request Request, Conversation Conversation)>();
        foreach (var request in batch)
        {
            var caller = request.Caller;
            var conversation = conversations.GetValueOrDefault(request.ConversationId);
            var rights = members.TryGetValue(caller.UserId, out var me) ? new LockedRights.Row(me.Role, me.IsActive) : null;
            var agent = members.GetValueOrDefault(request.AgentUserId) is { IsActive: true } active ? active : null;
            switch (Judge(caller, work.Workspace, conversation, rights, agent))
            {
                case CallerRightsChangedException changed:
                    request.Done.TrySetException(changed);
                    continue;
                case Failure failure:
                    request.Done.TrySetResult(failure);
                    continue;
            }
            var previous = conversation!.AssignTo(agent!, request.Now);
            if (!previous.Succeeded)
            {
                request.Done.TrySetResult(previous.Failure);
                continue;
            }
            AuditLog.Record(db, request.Now, workspaceId, caller.UserId, "conversation.assigned", "conversation",
                conversation.Id, new { agent_id = request.AgentUserId, previous_agent_id = previous.Value });
            work.Raise(new ConversationAssigned(workspaceId, conversation.Id, request.AgentUserId,
                caller.UserId, caller.UserId.ToString(), request.Now, previous.Value) { Conversation = conversation });
            assigned.Add((request, conversation));
        }
        if (assigned.Count == 0) return true;
        await work.CommitAsync();
        foreach (var (request, conversation) in assigned) request.Done.TrySetResult(conversation);
        return true;
    }

    /// <summary>
    /// The refusals of an assignment, in their order, on what was read under the lock — shared by the lone path and
    /// the batch: null when it may go on; a <see cref="Failure"/> to answer; a
    /// <see cref="CallerRightsChangedException"/> to end the request with (403). The conversation is looked for
    /// first, so another workspace's looks exactly like none; <paramref name="agent"/> is an active member or null.
    /// </summary>
    private static object? Judge(Caller caller, Workspace locked, Conversation? conversation, LockedRights.Row? rights,
        Membership? agent)
    {
        if (conversation is null) return Failure.NotFound("Conversation not found");
        switch (LockedRights.Judge(caller, rights, locked))
        {
            case LockedRights.Verdict.Gone: return Failure.NotFound("Conversation not found");
            case LockedRights.Verdict.Changed: return new CallerRightsChangedException(caller.WorkspaceId);
        }
        if (!caller.May(Permission.AssignConversations)) return Failure.Forbidden("Only admins can assign conversations");
        if (conversation.IsFinished) return Failure.Invalid($"Cannot assign a {conversation.Status.Wire()} conversation");
        if (agent is null) return Failure.Invalid("Agent is not a team member");
        return null;
    }

    /// <summary>POST /api/v1/team/assign/{conversation_id}?agent_id=</summary>
    public static Task<IResult> ViaTeamAsync(HttpContext http, AssignmentBatches batches, TimeProvider time,
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "conversation_id")] string conversationId,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "agent_id")] string? agentId) =>
        HandleAsync(http, batches, time, conversationId, agentId, "query");

    /// <summary>PUT /api/v1/conversations/{id}/assign/{agent_id}</summary>
    public static Task<IResult> ViaConversationAsync(HttpContext http, AssignmentBatches batches, TimeProvider time,
        string id, [Microsoft.AspNetCore.Mvc.FromRoute(Name = "agent_id")] string agentId) =>
        HandleAsync(http, batches, time, id, agentId, "path");

    private static async Task<IResult> HandleAsync(HttpContext http, AssignmentBatches batches,
        TimeProvider time, string conversationId, string? agentId, string agentLocation)
    {
        var input = Input.Empty(agentLocation);
        var agent = input.Uuid("agent_id", agentId);
        if (!input.IsValid) return Answer.Invalid(input.Errors);
        if (!Guid.TryParse(conversationId, out var id)) return Answer.Refuse(Failure.NotFound("Conversation not found"));
        var assigned = await batches.AssignAsync(http.Caller(), id, agent!.Value, time.Now());
        return assigned.Succeeded
            ? Answer.Value(new { message = "Conversation assigned successfully" })
            : Answer.Refuse(assigned.Failure);
    }
}
