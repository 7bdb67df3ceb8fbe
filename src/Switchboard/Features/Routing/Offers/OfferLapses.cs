using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Operations;

namespace Switchboard.Features.Routing.Offers;

/// <summary>
/// Offer routing's timeout, on the app's <see cref="TimeProvider"/> (every Routing:OfferSweepSeconds): an open offer
/// past its expiry lapses under the workspace lock (so an accept racing it either wins before or is refused after),
/// the agent is passed over for that conversation, their run of lapses grows, and at the workspace's
/// offer_lapses_before_away they are set away. Then the queue drains, offering the conversation to the next agent.
/// Several nodes ticking at once find nothing left to lapse after the first.
/// </summary>
public sealed class OfferLapses(IServiceScopeFactory scopes, TimeProvider time, IOptions<RoutingOptions> options,
    ILogger<OfferLapses> log) : PeriodicSweep(time, log)
{
    private const int Batch = 1000;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, options.Value.OfferSweepSeconds));

    protected override Task RunOnceAsync() => LapseDueAsync();

    public async Task LapseDueAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        var now = Time.Now();
        var workspaces = await db.Conversations.AsNoTracking()
            .Where(c => c.OfferedToUserId != null && c.OfferExpiresAt <= now)
            .Select(c => c.WorkspaceId).Distinct().Take(Batch).ToListAsync();
        foreach (var workspaceId in workspaces)
        {
            await using var inner = scopes.CreateAsyncScope();
            if (await LapseAsync(inner.ServiceProvider, workspaceId, now) > 0)
                await inner.ServiceProvider.GetRequiredService<Router>().DrainAsync(workspaceId);
        }
    }

    private static async Task<int> LapseAsync(IServiceProvider services, Guid workspaceId, DateTime now)
    {
        var db = services.GetRequiredService<SwitchboardDb>();
        await using var work = await WorkspaceWork.BeginAsync(db, services.GetRequiredService<IDomainEvents>(), workspaceId);
        if (work is null) return 0;
        var due = await db.Conversations
            .Where(c => c.WorkspaceId == workspaceId && c.OfferedToUserId != null && c.OfferExpiresAt <= now)
            .ToListAsync();
        if (due.Count == 0) return 0;
        var agents = due.Select(c => c.OfferedToUserId!.Value).Distinct().ToList();
        var members = await db.Memberships.Where(m => m.WorkspaceId == workspaceId && agents.Contains(m.UserId))
            .ToDictionaryAsync(m => m.UserId);
        foreach (var conversation in due.OrderBy(c => c.OfferExpiresAt))
        {
            var agent = conversation.OfferedToUserId!.Value;
            conversation.PassOffer(now);
            Telemetry.RoutingDecisions.Add(1, new KeyValuePair<string, object?>("kind", "offer_lapsed"));
            AuditLog.Record(db, now, workspaceId, null, "conversation.offer_lapsed", "conversation", conversation.Id,
                new { agent_id = agent });
            work.Raise(new ConversationOfferEnded(workspaceId, conversation.Id, agent, "expired"));
            if (!members.TryGetValue(agent, out var member)) continue;
            member.OfferLapses++;
            if (member.OfferLapses < work.Workspace.OfferLapsesBeforeAway || member.Status != AgentStatus.Live) continue;
            // Whoever lets offers lapse is not at the desk: away stops offers to them until they come back.
            member.OfferLapses = 0;
            member.Status = AgentStatus.Away;
            member.UpdatedAt = now;
            AuditLog.Record(db, now, workspaceId, null, "status.changed", "membership", member.Id,
                new { from = AgentStatus.Live.Wire(), to = AgentStatus.Away.Wire(), reason = "offers_lapsed" });
            work.Raise(new AgentStatusChanged(workspaceId, member.UserId, member.Id, AgentStatus.Away));
        }
        await work.CommitAsync();
        return due.Count;
    }
}
