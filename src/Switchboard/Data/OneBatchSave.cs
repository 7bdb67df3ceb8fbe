using Microsoft.EntityFrameworkCore;

namespace Switchboard.Data;

/// <summary>
/// Saves a small change (an update and its audit row) without an explicit transaction on PostgreSQL. Npgsql sends
/// the statements of one save as one batch ending in a single Sync, which PostgreSQL runs as one implicit
/// transaction: still all or nothing, but the row locks it takes are released as soon as the batch ends instead of
/// a round trip later at COMMIT, and the BEGIN/COMMIT round trip is gone. SQLite runs batched statements one by
/// one, so there the usual transaction stays. Only for saves of a few rows: a save that EF splits into several
/// batches would not be atomic.
/// </summary>
public static class OneBatchSave
{
    public static async Task SaveInOneBatchAsync(this SwitchboardDb db)
    {
        if (!db.Database.IsNpgsql() || db.Database.CurrentTransaction is not null)
        {
            await db.SaveChangesAsync();
            return;
        }
        var before = db.Database.AutoTransactionBehavior;
        db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        try { await db.SaveChangesAsync(); }
        finally { db.Database.AutoTransactionBehavior = before; }
    }
}
