using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
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
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        var managers = await db.Memberships.AsNoTracking()
            .Where(m => m.WorkspaceId == alert.WorkspaceId && m.IsActive && (m.Role == Role.Owner || m.Role == Role.Admin))
            .Select(m => m.UserId).ToListAsync();
        if (managers.Count == 0) return;
        var rooms = managers.Select(u => Rooms.Member(alert.WorkspaceId, u)).ToArray();
        await io.To(rooms).EmitAsync(alert.Breached ? "sla_breached" : "sla_warning", new
        {
            conversation_id = alert.ConversationId,
            priority = alert.Priority.Wire(),
            sla_due_at = PingBackFace.Timestamp(alert.DueAt),
        });
    }
}
