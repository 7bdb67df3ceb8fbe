using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Operations;

namespace Switchboard.Features.Routing;

public sealed class RoutingOptions
{
    /// <summary>How often silent assignments are looked for.</summary>
    public int SweepIntervalSeconds { get; set; } = 30;
    /// <summary>How often open offers past their expiry are looked for (offer routing): the lateness of a lapse.</summary>
    public int OfferSweepSeconds { get; set; } = 1;
}

/// <summary>Takes back conversations whose assignee has not replied within the workspace's reassign_after_minutes.</summary>
public sealed class ReassignmentSweeper(IServiceScopeFactory scopes, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<RoutingOptions> options, ILogger<ReassignmentSweeper> log) : PeriodicSweep(time, log)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, options.Value.SweepIntervalSeconds));

    protected override Task RunOnceAsync() => SweepAsync();

    public async Task<int> SweepAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        var router = scope.ServiceProvider.GetRequiredService<Router>();
        var now = Time.Now();
        var workspaces = await db.Workspaces.AsNoTracking()
            .Where(w => w.RoutingMode == RoutingMode.Auto && w.ReassignAfterMinutes != null)
            .Select(w => new { w.Id, Minutes = w.ReassignAfterMinutes!.Value })
            .ToListAsync();
        var moved = 0;
        foreach (var workspace in workspaces)
        {
            var cutoff = now.AddMinutes(-workspace.Minutes);
            var silent = await db.Conversations.AsNoTracking()
                .Where(c => c.WorkspaceId == workspace.Id && c.Status == ConversationStatus.Open
                    && c.AssigneeUserId != null && c.AssignedAt <= cutoff && c.AssigneeRepliedAt == null)
                .Select(c => new { c.Id, AssignedAt = c.AssignedAt!.Value })
                .Take(200)
                .ToListAsync();
            foreach (var conversation in silent)
                if (await router.ReassignAsync(workspace.Id, conversation.Id, conversation.AssignedAt)) moved++;
        }
        return moved;
    }
}
