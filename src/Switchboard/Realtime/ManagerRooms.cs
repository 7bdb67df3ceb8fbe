using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Realtime;

/// <summary>
/// The member rooms of those who run some part of a workspace — its active owner and admins holding a permission
/// under the workspace's switches — for the events only they act on (SLA alerts and team changes: the floor's
/// managers; invite changes: who may manage invites). Read when the event is sent, so a member demoted a moment ago
/// is not told.
/// </summary>
public static class ManagerRooms
{
    /// <summary>Those holding <paramref name="permission"/>; with <paramref name="managing"/>, only those who may manage that role.</summary>
    public static async Task<string[]> OfAsync(IServiceScopeFactory scopes, Guid workspaceId,
        Permission permission = Permission.AssignConversations, Role? managing = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        var workspace = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspaceId);
        if (workspace is null) return [];
        var managers = await db.Memberships.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId && m.IsActive && (m.Role == Role.Owner || m.Role == Role.Admin))
            .ToListAsync();
        return managers
            .Where(m => m.Allows(permission, workspace) && (managing is not { } role || m.MayManageRole(role)))
            .Select(m => Rooms.Member(workspaceId, m.UserId))
            .ToArray();
    }
}
