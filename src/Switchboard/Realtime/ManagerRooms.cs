using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Realtime;

/// <summary>
/// The member rooms of those who run a workspace's floor — active members with the AssignConversations right (the
/// owner and admins) — for the events only they act on (SLA alerts, team changes). Read when the event is sent, so
/// a member demoted a moment ago is not told.
/// </summary>
public static class ManagerRooms
{
    public static async Task<string[]> OfAsync(IServiceScopeFactory scopes, Guid workspaceId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        var workspace = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspaceId);
        if (workspace is null) return [];
        var managers = await db.Memberships.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId && m.IsActive && (m.Role == Role.Owner || m.Role == Role.Admin))
            .ToListAsync();
        return managers.Where(m => m.Allows(Permission.AssignConversations, workspace))
            .Select(m => Rooms.Member(workspaceId, m.UserId)).ToArray();
    }
}
