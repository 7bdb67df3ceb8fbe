using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Features.Billing;
using Switchboard.Operations;

namespace Switchboard.Features.Routing;

/// <summary>
/// Auto routing: hands waiting conversations (open, unassigned; highest priority first, then oldest) to eligible
/// members until the queue is empty or everyone is full. A conversation that names a team or required skills waits
/// for an agent who matches (<see cref="AgentPicker.Need"/>) while the ones behind it move on. It runs under the
/// workspace's row lock, so two nodes routing at once take turns: nobody is pushed past capacity and no
/// conversation is assigned twice. In offer mode the same pass offers instead of assigning (<see cref="Offer"/>):
/// an open offer holds the conversation out of the queue and takes a slot of the agent's capacity.
/// </summary>
public sealed class Router(SwitchboardDb db, IDomainEvents events, TimeProvider time)
{
    public const string AssignedBy = "routing";

    /// <summary>The queue is read a page at a time, at most <see cref="MaxPages"/> pages per pass.</summary>
    private const int PageSize = 500;
    private const int MaxPages = 40;

    /// <summary>Drains the queue as far as capacity allows; returns how many were assigned (or offered).</summary>
    public async Task<int> DrainAsync(Guid workspaceId)
    {
        // Most workspaces route by hand: learn that without taking the lock (a switch to auto drains anyway,
        // through its own RoutingChanged event).
        if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId && w.RoutingMode != RoutingMode.Manual)) return 0;
        // Only auto-routing workspaces get a span: the check above runs after every change in every workspace.
        using var span = Telemetry.StartUseCase("Router.Drain", workspaceId);
        await using var work = await WorkspaceWork.BeginAsync(db, events, workspaceId);
        if (work is null || work.Workspace.RoutingMode == RoutingMode.Manual) return 0;
        var offering = work.Workspace.RoutingMode == RoutingMode.Offer;
        var now = time.Now();
        var assigned = 0;
        Candidates? candidates = null;
        for (var page = 0; page < MaxPages; page++)
        {
            // Nothing is saved until the commit, so the rows assigned on earlier pages are still "waiting" in the
            // database and the offsets stay true.
            var queue = await db.Conversations
                .Where(c => c.WorkspaceId == workspaceId && c.Status == ConversationStatus.Open && c.AssigneeUserId == null
                    && c.OfferedToUserId == null)
                .OrderByDescending(c => c.Priority).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id)
                .Skip(page * PageSize).Take(PageSize)
                .ToListAsync();
            if (queue.Count == 0) break;
            candidates ??= await Candidates.LoadAsync(db, work.Workspace, now);
            foreach (var (conversation, chosen) in RoutingPass.Plan(queue, candidates))
            {
                if (offering) Offer(work, conversation, chosen, now);
                else Assign(work, conversation, chosen, now, null);
                assigned++;
            }
            if (!candidates.AnyRoom || queue.Count < PageSize) break;
        }
        await work.CommitAsync();
        span?.SetTag("switchboard.assigned", assigned);
        return assigned;
    }

    /// <summary>
    /// Moves a conversation whose assignee stayed silent to someone else; if nobody else can take it, it stays.
    /// The conditional check on AssignedAt makes a second sweeper (another node) a no-op.
    /// </summary>
    public async Task<bool> ReassignAsync(Guid workspaceId, Guid conversationId, DateTime assignedAt)
    {
        await using var work = await WorkspaceWork.BeginAsync(db, events, workspaceId);
        if (work is null) return false;
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId && c.WorkspaceId == workspaceId);
        if (work.Workspace.RoutingMode != RoutingMode.Auto || conversation is not { Status: ConversationStatus.Open, AssigneeUserId: { } silent }
            || conversation.AssignedAt != assignedAt)
            return false;
        var now = time.Now();
        var candidates = await Candidates.LoadAsync(db, work.Workspace, now);
        var need = AgentPicker.Need.Of(conversation);
        var chosen = candidates.IsOpen(need) ? AgentPicker.Pick(candidates.All, excludeUserId: silent, need: need) : null;
        if (chosen is null) return false;
        Assign(work, conversation, chosen, now, silent);
        await work.CommitAsync();
        return true;
    }

    /// <summary>
    /// Offer mode: the conversation is held for the chosen agent until they accept, decline, or the workspace's
    /// offer_timeout_seconds pass (<see cref="Offers.OfferLapses"/>); only that agent hears conversation_offered.
    /// </summary>
    private void Offer(WorkspaceWork work, Conversation conversation, AgentPicker.Candidate chosen, DateTime now)
    {
        var expiresAt = now.AddSeconds(work.Workspace.OfferTimeoutSeconds);
        conversation.OfferTo(chosen.Member.UserId, now, expiresAt);
        Telemetry.RoutingDecisions.Add(1, new KeyValuePair<string, object?>("kind", "offer"));
        AuditLog.Record(db, now, conversation.WorkspaceId, null, "conversation.offered", "conversation", conversation.Id,
            new { agent_id = chosen.Member.UserId, expires_at = expiresAt });
        work.Raise(new ConversationOffered(conversation.WorkspaceId, conversation.Id, chosen.Member.UserId, expiresAt)
            { Conversation = conversation });
    }

    private void Assign(WorkspaceWork work, Conversation conversation, AgentPicker.Candidate chosen, DateTime now, Guid? previous)
    {
        // Candidates are routable and the queue holds open conversations only, so this cannot be refused.
        // Measured before AssignTo moves AssignedAt: a queued conversation waited since it was created or handed back.
        var waitingSince = previous is null ? conversation.AssignedAt ?? conversation.CreatedAt : (DateTime?)null;
        conversation.AssignTo(chosen.Member, now);
        Telemetry.RoutingDecisions.Add(1, new KeyValuePair<string, object?>("kind", previous is null ? "queue" : "reassign"));
        if (waitingSince is { } since && now > since) Telemetry.QueueWait.Record((now - since).TotalSeconds);
        AuditLog.Record(db, now, conversation.WorkspaceId, null, "conversation.assigned", "conversation", conversation.Id,
            new { agent_id = chosen.Member.UserId, previous_agent_id = previous, assigned_by = AssignedBy });
        work.Raise(new ConversationAssigned(conversation.WorkspaceId, conversation.Id, chosen.Member.UserId, null,
            AssignedBy, now, previous) { Conversation = conversation });
    }
}
