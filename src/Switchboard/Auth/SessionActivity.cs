using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Auth;

/// <summary>
/// Keeps a session's "last used" roughly right without turning every authenticated read into a write: a token's
/// <see cref="ApiToken.LastUsedAt"/> moves at most once per <see cref="Resolution"/>. The row the cache holds tells
/// whether it is due, so most requests decide in memory; the update itself is conditional, so several nodes (or
/// parallel requests) that all think it due write once between them.
/// </summary>
public sealed class SessionActivity(SwitchboardDb db, TimeProvider time, ILogger<SessionActivity> log)
{
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);

    public async Task TouchAsync(ApiToken token, CancellationToken cancel)
    {
        var now = time.Now();
        if (token.LastUsedAt is { } last && now - last < Resolution) return;
        // The cached row learns the new value first, so this node's next requests skip the check.
        token.LastUsedAt = now;
        var due = now - Resolution;
        try
        {
            await db.ApiTokens.Where(t => t.Id == token.Id && (t.LastUsedAt == null || t.LastUsedAt <= due))
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAt, now), cancel);
        }
        catch (DbException error)
        {
            // Only bookkeeping: a busy database must not fail the request that was merely being counted.
            log.LogWarning(error, "Could not record the use of token {TokenId}", token.Id);
        }
    }
}
