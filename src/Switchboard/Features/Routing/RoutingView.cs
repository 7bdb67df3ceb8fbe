using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Features.Routing;

/// <summary>Routing settings with what the dashboard shows beside them: the queue and each agent's load.</summary>
public sealed record RoutingView(string Mode, int DefaultCapacity, int? ReassignAfterMinutes, int QueueLength,
    IReadOnlyList<RoutingView.Agent> Agents, int? SkillsFallbackSeconds, RoutingView.SlaTargets Sla,
    int OfferTimeoutSeconds, int OfferLapsesBeforeAway, Guid? AfterHoursTeamId)
{
    public sealed record Agent(Guid MemberId, Guid UserId, string Name, string Status, string Seat, int Load, int Capacity, bool Eligible);

    /// <summary>First-response targets in seconds per priority; null = none.</summary>
    public sealed record SlaTargets(int? Low, int? Normal, int? High, int? Urgent)
    {
        public static SlaTargets Of(Workspace w) => new(w.SlaLowSeconds, w.SlaNormalSeconds, w.SlaHighSeconds, w.SlaUrgentSeconds);
    }

    public static async Task<RoutingView> LoadAsync(SwitchboardDb db, Guid workspaceId)
    {
        var workspace = await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == workspaceId);
        var queue = await db.Conversations.CountAsync(c =>
            c.WorkspaceId == workspaceId && c.Status == ConversationStatus.Open && c.AssigneeUserId == null);
        var loads = await AssigneeLoads.ByUserAsync(db, workspaceId);
        var members = await db.Memberships.AsNoTracking().Where(m => m.WorkspaceId == workspaceId)
            .OrderBy(m => m.InvitedAt).Select(m => new { Member = m, m.User!.Name }).ToListAsync();
        var agents = members.Select(r => new Agent(r.Member.Id, r.Member.UserId, r.Name, r.Member.Status.Wire(),
            r.Member.Seat.Wire(), loads.GetValueOrDefault(r.Member.UserId), r.Member.Capacity ?? workspace.DefaultCapacity,
            r.Member.CanBeRouted)).ToList();
        return new RoutingView(workspace.RoutingMode.Wire(), workspace.DefaultCapacity, workspace.ReassignAfterMinutes, queue, agents,
            workspace.SkillsFallbackSeconds, SlaTargets.Of(workspace), workspace.OfferTimeoutSeconds, workspace.OfferLapsesBeforeAway,
            workspace.AfterHoursTeamId);
    }
}
