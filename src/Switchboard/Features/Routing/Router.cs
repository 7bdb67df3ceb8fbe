using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Features.Audit;
using Switchboard.Features.Billing;

namespace Switchboard.Features.Routing;

/// <summary>
/// Auto routing: hands waiting conversations (open, unassigned, oldest first) to eligible members until the
/// queue is empty or everyone is full. It runs under the workspace's row lock, so two nodes routing at once
/// take turns: nobody is pushed past capacity and no conversation is assigned twice.
/// </summary>
public sealed class Router(SwitchboardDb db, IDomainEvents events, TimeProvider time)
{
    public const string AssignedBy = "routing";

    /// <summary>Drains the queue as far as capacity allows; returns how many were assigned.</summary>
    public async Task<int> DrainAsync(Guid workspaceId)
    {
        var raised = new List<IDomainEvent>();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var workspace = await WorkspaceLock.AcquireAsync(db, workspaceId);
            if (workspace is null || workspace.RoutingMode != RoutingMode.Auto) return 0;
            var queue = await db.Conversations
                .Where(c => c.WorkspaceId == workspaceId && c.Status == ConversationStatus.Open && c.AssigneeUserId == null)
                .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
                .Take(500)
                .ToListAsync();
            if (queue.Count == 0) return 0;
            var candidates = await CandidatesAsync(workspace);
            var now = time.Now();
            foreach (var conversation in queue)
            {
                var chosen = AgentPicker.Pick(candidates);
                if (chosen is null) break;
                Assign(conversation, chosen, now, null, raised);
                candidates = candidates.Select(c => c == chosen ? c with { Load = c.Load + 1 } : c).ToList();
            }
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        foreach (var e in raised) await events.PublishAsync(e);
        return raised.Count;
    }

    /// <summary>
    /// Moves a conversation whose assignee stayed silent to someone else; if nobody else can take it, it stays.
    /// The conditional check on AssignedAt makes a second sweeper (another node) a no-op.
    /// </summary>
    public async Task<bool> ReassignAsync(Guid workspaceId, Guid conversationId, DateTime assignedAt)
    {
        var raised = new List<IDomainEvent>();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var workspace = await WorkspaceLock.AcquireAsync(db, workspaceId);
            if (workspace is null) return false;
            var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId && c.WorkspaceId == workspaceId);
            if (workspace.RoutingMode != RoutingMode.Auto || conversation is not { Status: ConversationStatus.Open, AssigneeUserId: { } silent }
                || conversation.AssignedAt != assignedAt)
                return false;
            var chosen = AgentPicker.Pick(await CandidatesAsync(workspace), excludeUserId: silent);
            if (chosen is null) return false;
            Assign(conversation, chosen, time.Now(), silent, raised);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        foreach (var e in raised) await events.PublishAsync(e);
        return true;
    }

    private async Task<List<AgentPicker.Candidate>> CandidatesAsync(Workspace workspace)
    {
        var members = await db.Memberships
            .Where(m => m.WorkspaceId == workspace.Id && m.IsActive && m.Status == AgentStatus.Live && m.Seat == Seat.Full)
            .ToListAsync();
        var loads = await db.Conversations
            .Where(c => c.WorkspaceId == workspace.Id && c.AssigneeUserId != null
                && (c.Status == ConversationStatus.Open || c.Status == ConversationStatus.Pending))
            .GroupBy(c => c.AssigneeUserId)
            .Select(g => new { UserId = g.Key!.Value, Count = g.Count() })
            .ToDictionaryAsync(x => x.UserId, x => x.Count);
        return members.Select(m => new AgentPicker.Candidate(m, loads.GetValueOrDefault(m.UserId),
            m.Capacity ?? workspace.DefaultCapacity)).ToList();
    }

    private void Assign(Conversation conversation, AgentPicker.Candidate chosen, DateTime now, Guid? previous, List<IDomainEvent> raised)
    {
        conversation.AssigneeUserId = chosen.Member.UserId;
        conversation.AssignedAt = now;
        conversation.AssigneeRepliedAt = null;
        conversation.UpdatedAt = now;
        chosen.Member.LastAssignedAt = now;
        AuditLog.Record(db, now, conversation.WorkspaceId, null, "conversation.assigned", "conversation", conversation.Id,
            new { agent_id = chosen.Member.UserId, previous_agent_id = previous, assigned_by = AssignedBy });
        raised.Add(new ConversationAssigned(conversation.WorkspaceId, conversation.Id, chosen.Member.UserId, null,
            AssignedBy, now, previous));
    }
}
