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
        var rooms = await ManagerRooms.OfAsync(scopes, e.WorkspaceId);
        if (rooms.Length == 0) return;
        await io.To(rooms).EmitAsync("team_updated", new { team_id = e.TeamId, change = e.Change.ToString().ToLowerInvariant() });
    }
}
