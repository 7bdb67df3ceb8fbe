using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Email;

/// <summary>
/// Reserves due outbox rows for one dispatcher. A claim is a single conditional UPDATE that sets
/// claimed_until only on rows nobody holds, so two dispatchers (threads, processes or nodes) never get
/// the same row; on PostgreSQL the candidate rows are also locked with FOR UPDATE SKIP LOCKED, so a second
/// dispatcher skips them instead of waiting. A dispatcher that dies keeps its claim until claimed_until
/// passes, then the row is due again: a crash delays mail, it never loses it.
/// </summary>
public static class OutboxClaims
{
    public static async Task<List<OutboxMessage>> ClaimAsync(SwitchboardDb db, DateTime now, TimeSpan hold, int batch,
        CancellationToken cancel)
    {
        var until = now + hold;
        // attempts counts claims, so a row whose sender crashed mid-send still backs off.
        var ids = db.Database.IsNpgsql()
            ? await db.Database.SqlQuery<Guid>($"""
                UPDATE outbox SET claimed_until = {until}, attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM outbox
                    WHERE sent_at IS NULL AND next_attempt_at <= {now} AND (claimed_until IS NULL OR claimed_until < {now})
                    ORDER BY next_attempt_at
                    LIMIT {batch}
                    FOR UPDATE SKIP LOCKED)
                RETURNING id AS "Value"
                """).ToListAsync(cancel)
            // SQLite runs the whole statement under its single write lock, which serializes claims.
            : await db.Database.SqlQuery<Guid>($"""
                UPDATE outbox SET claimed_until = {until}, attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM outbox
                    WHERE sent_at IS NULL AND next_attempt_at <= {now} AND (claimed_until IS NULL OR claimed_until < {now})
                    ORDER BY next_attempt_at
                    LIMIT {batch})
                RETURNING id AS "Value"
                """).ToListAsync(cancel);
        if (ids.Count == 0) return [];
        return await db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.NextAttemptAt).ToListAsync(cancel);
    }

    /// <summary>Marks a sent row; only the holder of the claim (same attempt count) may.</summary>
    public static Task MarkSentAsync(SwitchboardDb db, OutboxMessage message, DateTime now, CancellationToken cancel) =>
        db.Outbox.Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.SentAt, now)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
                .SetProperty(m => m.LastError, (string?)null), cancel);

    /// <summary>Releases the claim and schedules the next attempt.</summary>
    public static Task MarkFailedAsync(SwitchboardDb db, OutboxMessage message, DateTime nextAttempt, string error,
        CancellationToken cancel) =>
        db.Outbox.Where(m => m.Id == message.Id && m.SentAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.NextAttemptAt, nextAttempt)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null)
                .SetProperty(m => m.LastError, error.Length <= 2000 ? error : error[..2000]), cancel);
}
