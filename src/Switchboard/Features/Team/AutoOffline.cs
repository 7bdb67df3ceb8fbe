using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Features.Team;

/// <summary>
/// When Realtime reports that a member's sockets are all gone (<see cref="PresenceLost"/>), the member
/// becomes offline — unless the workspace's auto_offline setting is off. Connecting again never flips the
/// status back: the member's own choice stands.
/// </summary>
public sealed class AutoOffline(IServiceScopeFactory scopes, TimeProvider time) : IDomainEventHandler
{
    public async Task HandleAsync(IDomainEvent domainEvent)
    {
        if (domainEvent is not PresenceLost lost) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        var enabled = await db.Workspaces.Where(w => w.Id == lost.WorkspaceId).Select(w => w.AutoOffline).FirstOrDefaultAsync();
        if (!enabled) return;
        var events = scope.ServiceProvider.GetRequiredService<IDomainEvents>();
        await UpdateStatus.SetAsync(db, events, time.Now(), lost.WorkspaceId, lost.UserId, AgentStatus.Offline, actor: null);
    }
}
