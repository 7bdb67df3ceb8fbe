using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Tenancy;

namespace Switchboard.Features.Routing;

/// <summary>
/// GET /api/v1/team/supervisor (owner and admins): the queue (how many wait, since when the longest has
/// waited) and every member's status, since when they have had it, and their load against their capacity.
/// "Since" is the newest status.changed row of the audit trail (every status change writes one, presence's
/// included), else the moment they joined — so no extra column is kept for it.
/// </summary>
public static class Supervisor
{
    public sealed record Agent(Guid MemberId, Guid UserId, string Name, string Email, string Role, string Status,
        string StatusSince, string Seat, int Load, int Capacity);

    /// <summary>A waiting conversation, in routing's order (priority, then age), with its first-response target.</summary>
    public sealed record Waiting(Guid ConversationId, string Priority, Guid? TeamId, IReadOnlyList<string> RequiredSkills,
        string CreatedAt, string? SlaDueAt, string SlaState, string? SkillsRelaxedAt);

    public sealed record View(int QueueLength, string? LongestWaitingSince, IReadOnlyList<Agent> Agents, IReadOnlyList<Waiting> Queue);

    /// <summary>The head of the queue shown; queue_length counts all of it.</summary>
    public const int QueueShown = 200;

    public static async Task<IResult> GetAsync(HttpContext http, SwitchboardDb db)
    {
        var caller = http.Caller();
        if (!caller.May(Permission.AssignConversations))
            return Answer.Refuse(Failure.Forbidden("Only the org owner or admins can supervise the queue"));
        var workspaceId = caller.WorkspaceId;
        var workspace = caller.Workspace;

        var waiting = db.Conversations.AsNoTracking()
            .Where(c => c.WorkspaceId == workspaceId && c.Status == ConversationStatus.Open && c.AssigneeUserId == null);
        var queue = await waiting.CountAsync();
        DateTime? oldest = queue == 0 ? null : await waiting.MinAsync(c => (DateTime?)c.CreatedAt);
        var loads = await AssigneeLoads.ByUserAsync(db, workspaceId);
        var since = (await db.AuditEvents.AsNoTracking()
                .Where(a => a.WorkspaceId == workspaceId && a.Action == "status.changed" && a.TargetId != null)
                .GroupBy(a => a.TargetId)
                .Select(g => new { Target = g.Key!, At = g.Max(a => a.CreatedAt) })
                .ToListAsync())
            .ToDictionary(x => x.Target, x => x.At, StringComparer.OrdinalIgnoreCase);
        var members = await db.Memberships.AsNoTracking().Where(m => m.WorkspaceId == workspaceId && m.IsActive)
            .OrderBy(m => m.InvitedAt).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.UserId, m.User!.Name, m.User.Email, m.Role, m.Status, m.Seat, m.Capacity, m.InvitedAt })
            .ToListAsync();
        var agents = members.Select(m => new Agent(m.Id, m.UserId, m.Name, m.Email, m.Role.Wire(), m.Status.Wire(),
            PingBackFace.Timestamp(since.TryGetValue(m.Id.ToString(), out var at) ? at : m.InvitedAt), m.Seat.Wire(),
            loads.GetValueOrDefault(m.UserId), m.Capacity ?? workspace.DefaultCapacity)).ToList();
        var head = (await waiting.OrderByDescending(c => c.Priority).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id)
                .Take(QueueShown).ToListAsync())
            .Select(c => new Waiting(c.Id, c.Priority.Wire(), c.TeamId, c.Skills, PingBackFace.Timestamp(c.CreatedAt),
                c.SlaDueAt is { } due ? PingBackFace.Timestamp(due) : null, c.SlaState.Wire(),
                c.SkillsRelaxedAt is { } relaxed ? PingBackFace.Timestamp(relaxed) : null)).ToList();
        return Answer.Value(new View(queue, oldest is { } o ? PingBackFace.Timestamp(o) : null, agents, head));
    }
}
