using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;

namespace Switchboard.Data;

/// <summary>
/// Serializes the writes of one workspace that count something before they change it (seats against the
/// plan, a plan change against the seats, routing against capacity): the first statement of the
/// transaction bumps the workspace row's lock_version, which takes the row lock (PostgreSQL) or the
/// database's write lock (SQLite), so two such transactions take turns — on one node or many.
/// </summary>
public static class WorkspaceLock
{
    /// <summary>
    /// Takes the lock and returns the workspace as it is now, or null when it no longer exists. Rules that
    /// read the plan or the settings must use this copy, not one read before the lock: a plan downgrade
    /// that committed while this request waited is then seen.
    /// </summary>
    public static async Task<Workspace?> AcquireAsync(SwitchboardDb db, Guid workspaceId, bool shared = false)
    {
        // Shared (PostgreSQL's FOR SHARE): writes that change a count without reading one — a manual assignment —
        // run side by side, yet never inside a counting write's transaction (routing, seats), which holds the
        // row's exclusive lock. SQLite has one writer at a time anyway: there it is the exclusive lock.
        if (shared && db.Database.IsNpgsql())
            return await db.Workspaces.FromSql($"SELECT * FROM workspaces WHERE id = {workspaceId} FOR SHARE")
                .AsNoTracking().FirstOrDefaultAsync();
        var locked = await db.Workspaces.Where(w => w.Id == workspaceId)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.LockVersion, w => w.LockVersion + 1)) == 1;
        return locked ? await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspaceId) : null;
    }
}
