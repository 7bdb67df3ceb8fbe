using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.SocketIO;

namespace Switchboard.Realtime;

/// <summary>
/// team_updated reaches those who manage teams (the AssignConversations right: the owner and admins), each in their
/// member room, since only they have the Teams pages; agents learn of teams through the conversations that name them.
/// The rooms go through the adapter like every other event, so managers on any node hear it.
/// </summary>
public sealed class TeamEvents(SocketIOServer io, IServiceScopeFactory scopes) : IDomainEventHandler
{
    public async Task HandleAsync(IDomainEvent domainEvent)
    {
        if (domainEvent is not TeamUpdated e) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        var workspace = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == e.WorkspaceId);
        if (workspace is null) return;
        var managers = await db.Memberships.AsNoTracking()
            .Where(m => m.WorkspaceId == e.WorkspaceId && m.IsActive && (m.Role == Role.Owner || m.Role == Role.Admin))
            .ToListAsync();
        var rooms = managers.Where(m => m.Allows(Permission.AssignConversations, workspace))
            .Select(m => Rooms.Member(e.WorkspaceId, m.UserId)).ToList();
        if (rooms.Count == 0) return;
        await io.To(rooms).EmitAsync("team_updated", new { team_id = e.TeamId, change = e.Change.ToString().ToLowerInvariant() });
    }
}
