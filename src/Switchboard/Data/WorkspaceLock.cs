using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;

namespace Switchboard.Data;

/// <summary>
/// Serializes the writes of one workspace that count something before they change it (seats against the
/// plan, a plan change against the seats, routing against capacity), on one node or many.
/// <list type="bullet">
/// <item>PostgreSQL: a transaction-scoped advisory lock on the workspace — exclusive for counting writes, shared
/// for writes that change a count without reading one (a manual assignment) — and, for counting writes, the
/// workspace row's lock_version bumped too, so a settings change waits for them as before.</item>
/// <item>SQLite: the lock_version bump takes the database's write lock (one writer at a time anyway).</item>
/// </list>
/// Why advisory and not <c>SELECT … FOR SHARE</c> for the shared side: a row share-locked by many transactions at
/// once needs a MultiXact written into the row, and 64 concurrent manual assignments spent more time on those (and
/// waiting on the tuple) than on the assignment itself; a shared advisory lock lives in memory only.
/// </summary>
public static class WorkspaceLock
{
    /// <summary>
    /// Takes the lock and returns the workspace as it is now, or null when it no longer exists. Rules that
    /// read the plan or the settings must use this copy, not one read before the lock: a plan downgrade
    /// that committed while this request waited is then seen. The shared lock's copy on PostgreSQL is read in the
    /// lock's own statement, so it is only good for "the workspace exists": a shared write reads no plan.
    /// </summary>
    public static async Task<Workspace?> AcquireAsync(SwitchboardDb db, Guid workspaceId, bool shared = false)
    {
        if (db.Database.IsNpgsql())
        {
            var key = KeyOf(workspaceId);
            if (shared)
            {
                // The lock and the workspace in one statement: one round trip fewer on every manual assignment
                // (the bench's hottest write). Its snapshot is taken before the lock is granted, so this copy may
                // predate a change that committed while it waited; the shared side counts nothing and reads no
                // plan or setting, and its next statement sees everything committed (a deleted workspace's
                // conversations are gone by then, so the use case answers 404 as before).
                var locked = await db.Workspaces
                    .FromSql($"SELECT w.* FROM pg_advisory_xact_lock_shared({key}) AS l, workspaces AS w WHERE w.id = {workspaceId}")
                    .AsNoTracking().ToListAsync();
                return locked.FirstOrDefault();
            }
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})");
        }
        // One statement: bump and read back (UPDATE … RETURNING on both databases).
        var rows = await db.Workspaces
            .FromSql($"UPDATE workspaces SET lock_version = lock_version + 1 WHERE id = {workspaceId} RETURNING *")
            .AsNoTracking().ToListAsync();
        return rows.FirstOrDefault();
    }

    /// <summary>
    /// The advisory lock's 64-bit key: the first half of the workspace id (random). Two workspaces sharing it
    /// would only take turns now and then, never break a rule.
    /// </summary>
    internal static long KeyOf(Guid workspaceId) => BitConverter.ToInt64(workspaceId.ToByteArray(), 0);
}
