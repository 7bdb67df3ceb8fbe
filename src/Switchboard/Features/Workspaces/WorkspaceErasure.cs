using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Features.Workspaces;

/// <summary>
/// Deletes a workspace and every row that belongs to it, inside the caller's <see cref="WorkspaceWork"/> (so under its
/// lock: no invite, join or assignment can slip a row in meanwhile). Each table is emptied by name rather than left
/// to the foreign keys' cascades, because the audit trail and the seat ledger have no key to the workspace and
/// would otherwise outlive it as orphans. Shared by deleting a workspace and by deleting an account that owns one alone.
/// </summary>
public static class WorkspaceErasure
{
    public static async Task EraseInWorkAsync(SwitchboardDb db, WorkspaceWork work)
    {
        var id = work.Workspace.Id;
        var memberships = db.Memberships.Where(m => m.WorkspaceId == id).Select(m => m.Id);
        await db.TeamMembers.Where(t => memberships.Contains(t.MembershipId)).ExecuteDeleteAsync();
        await db.MemberSkills.Where(s => memberships.Contains(s.MembershipId)).ExecuteDeleteAsync();
        await db.Teams.Where(t => t.WorkspaceId == id).ExecuteDeleteAsync();
        await db.Memberships.Where(m => m.WorkspaceId == id).ExecuteDeleteAsync();
        await db.Invites.Where(i => i.WorkspaceId == id).ExecuteDeleteAsync();
        await db.InviteLinks.Where(l => l.WorkspaceId == id).ExecuteDeleteAsync();
        // SCIM: group members go with their groups (cascade), then users, groups, tokens and the mapping.
        await db.ScimGroups.Where(g => g.WorkspaceId == id).ExecuteDeleteAsync();
        await db.ScimUsers.Where(u => u.WorkspaceId == id).ExecuteDeleteAsync();
        await db.ScimTokens.Where(t => t.WorkspaceId == id).ExecuteDeleteAsync();
        await db.ScimSettings.Where(s => s.WorkspaceId == id).ExecuteDeleteAsync();
        await db.SsoDomains.Where(d => d.WorkspaceId == id).ExecuteDeleteAsync();
        await db.Conversations.Where(c => c.WorkspaceId == id).ExecuteDeleteAsync();
        await db.NotificationPreferences.Where(p => p.WorkspaceId == id).ExecuteDeleteAsync();
        await db.AuditEvents.Where(a => a.WorkspaceId == id).ExecuteDeleteAsync();
        await db.SeatLedger.Where(e => e.WorkspaceId == id).ExecuteDeleteAsync();
        await db.Workspaces.Where(w => w.Id == id).ExecuteDeleteAsync();
        work.Raise(new WorkspaceDeleted(id));
    }
}
