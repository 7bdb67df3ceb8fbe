using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Operations;

namespace Switchboard.Features.Routing;

/// <summary>
/// What routing does as time passes rather than on a change, on the app's <see cref="TimeProvider"/> (every
/// Routing:SweepIntervalSeconds): waiting conversations past the workspace's skills_fallback_seconds have their
/// required skills relaxed (and the queue drains), and first-response targets raise sla_warning at 80% and
/// sla_breached at 100%. Each mark is a conditional UPDATE, so when several nodes tick at once one of them wins and
/// each alert is raised once.
/// </summary>
public sealed class RoutingClock(IServiceScopeFactory scopes, TimeProvider time, IOptions<RoutingOptions> options,
    ILogger<RoutingClock> log) : PeriodicSweep(time, log)
{
    private const int Batch = 1000;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, options.Value.SweepIntervalSeconds));

    protected override Task RunOnceAsync() => TickAsync();

    public async Task TickAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        var events = scope.ServiceProvider.GetRequiredService<IDomainEvents>();
        var now = Time.Now();
        await RelaxSkillsAsync(db, events, now);
        await MarkSlaAsync(db, events, now);
        await OpenTeamsAsync(db, scope.ServiceProvider.GetRequiredService<Router>());
    }

    /// <summary>
    /// A team that keeps hours may have opened since the last tick: workspaces with a conversation waiting for such
    /// a team are drained (routing itself checks who is open now).
    /// </summary>
    private static async Task OpenTeamsAsync(SwitchboardDb db, Router router)
    {
        var workspaces = await db.Conversations.AsNoTracking()
            .Where(c => c.Status == ConversationStatus.Open && c.AssigneeUserId == null && c.TeamId != null
                && db.Teams.Any(t => t.Id == c.TeamId && t.Hours != null)
                && db.Workspaces.Any(w => w.Id == c.WorkspaceId && w.RoutingMode != RoutingMode.Manual))
            .Select(c => c.WorkspaceId).Distinct().Take(Batch).ToListAsync();
        foreach (var workspace in workspaces) await router.DrainAsync(workspace);
    }

    private static async Task RelaxSkillsAsync(SwitchboardDb db, IDomainEvents events, DateTime now)
    {
        var workspaces = await db.Workspaces.AsNoTracking()
            .Where(w => w.RoutingMode != RoutingMode.Manual && w.SkillsFallbackSeconds != null)
            .Select(w => new { w.Id, Seconds = w.SkillsFallbackSeconds!.Value })
            .ToListAsync();
        foreach (var workspace in workspaces)
        {
            var cutoff = now.AddSeconds(-workspace.Seconds);
            // Still waiting now means no live agent with room matched: routing drains on every change that could
            // have found one.
            var relaxed = await db.Conversations
                .Where(c => c.WorkspaceId == workspace.Id && c.Status == ConversationStatus.Open && c.AssigneeUserId == null
                    && c.RequiredSkills != null && c.SkillsRelaxedAt == null && c.CreatedAt <= cutoff)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.SkillsRelaxedAt, now));
            if (relaxed > 0) await events.PublishAsync(new RoutingChanged(workspace.Id));
        }
    }

    private static async Task MarkSlaAsync(SwitchboardDb db, IDomainEvents events, DateTime now)
    {
        var running = db.Conversations.AsNoTracking().Where(c => c.FirstResponseAt == null
            && (c.Status == ConversationStatus.Open || c.Status == ConversationStatus.Pending));
        var warn = await running.Where(c => c.SlaState == SlaState.None && c.SlaWarnAt <= now)
            .OrderBy(c => c.SlaWarnAt).Take(Batch)
            .Select(c => new { c.Id, c.WorkspaceId, c.Priority, Due = c.SlaDueAt!.Value }).ToListAsync();
        foreach (var c in warn)
            if (await db.Conversations.Where(x => x.Id == c.Id && x.SlaState == SlaState.None)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.SlaState, SlaState.Warned)) == 1)
                await events.PublishAsync(new SlaAlert(c.WorkspaceId, c.Id, false, c.Priority, c.Due));
        var breach = await running.Where(c => (c.SlaState == SlaState.None || c.SlaState == SlaState.Warned) && c.SlaDueAt <= now)
            .OrderBy(c => c.SlaDueAt).Take(Batch)
            .Select(c => new { c.Id, c.WorkspaceId, c.Priority, Due = c.SlaDueAt!.Value }).ToListAsync();
        foreach (var c in breach)
            if (await db.Conversations.Where(x => x.Id == c.Id && (x.SlaState == SlaState.None || x.SlaState == SlaState.Warned))
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.SlaState, SlaState.Breached)) == 1)
                await events.PublishAsync(new SlaAlert(c.WorkspaceId, c.Id, true, c.Priority, c.Due));
    }
}
