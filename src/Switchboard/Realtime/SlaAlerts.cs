using Switchboard.Domain;
using Switchboard.Faces.PingBack;
using Switchboard.SocketIO;

namespace Switchboard.Realtime;

/// <summary>
/// sla_warning / sla_breached reach the workspace's owner and admins only (each one's member room), since they are
/// the ones who can move the conversation; agents see the targets on the conversation itself.
/// </summary>
public sealed class SlaAlerts(SocketIOServer io, IServiceScopeFactory scopes) : IDomainEventHandler
{
    public async Task HandleAsync(IDomainEvent domainEvent)
    {
        if (domainEvent is not SlaAlert alert) return;
        var rooms = await ManagerRooms.OfAsync(scopes, alert.WorkspaceId);
        if (rooms.Length == 0) return;
        await io.To(rooms).EmitAsync(alert.Breached ? "sla_breached" : "sla_warning", new
        {
            conversation_id = alert.ConversationId,
            priority = alert.Priority.Wire(),
            sla_due_at = PingBackFace.Timestamp(alert.DueAt),
        });
    }
}
