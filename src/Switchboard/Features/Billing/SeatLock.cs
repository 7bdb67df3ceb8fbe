using Microsoft.EntityFrameworkCore;
using Switchboard.Data;

namespace Switchboard.Features.Billing;

/// <summary>
/// Serializes seat-changing transactions of one workspace: the first write of the transaction takes the
/// workspace row's lock (PostgreSQL) or the database's write lock (SQLite), so counting seats and adding
/// one cannot interleave with another request doing the same — on one node or many.
/// </summary>
public static class SeatLock
{
    public static async Task<bool> AcquireAsync(SwitchboardDb db, Guid workspaceId) =>
        await db.Workspaces.Where(w => w.Id == workspaceId)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.LockVersion, w => w.LockVersion + 1)) == 1;
}
