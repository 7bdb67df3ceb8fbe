using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Switchboard.Tenancy;

/// <summary>
/// Keeps <see cref="WorkspaceCache"/> fresh from what the database is told, so no use case has to remember to:
/// the rows a <c>SaveChanges</c> writes (read from the change tracker as they are saved) and the bulk statements
/// (<c>ExecuteUpdate</c>/<c>ExecuteDelete</c>, read from their SQL) become <see cref="CacheChanges"/>, applied once
/// the transaction commits — never before, or a read in between could be cached under the new version with the
/// old rows — and sent to the other nodes. A rollback drops them.
/// </summary>
public sealed partial class CacheInvalidationInterceptor(WorkspaceCache cache, ClusterCacheInvalidation peers)
    : ISaveChangesInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor
{
    private sealed class Pending
    {
        public readonly CacheChanges Changes = new();
        public bool Saving;
    }

    // Per context: pooled contexts are reused, so what one unit of work gathered is applied or dropped when it ends.
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    private Pending Of(DbContext context) => _pending.GetValue(context, _ => new Pending());

    // --- SaveChanges: the tracked rows, read before they are saved (after, deleted rows are gone from the tracker).

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Gather(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Gather(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Gather(DbContext? context)
    {
        if (context is null) return;
        var pending = Of(context);
        pending.Saving = true;
        foreach (var entry in context.ChangeTracker.Entries())
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                pending.Changes.AddTracked(entry);
    }

    private void Saved(DbContext? context)
    {
        if (context is null) return;
        Of(context).Saving = false;
        // Outside a transaction of the caller's, SaveChanges has committed its own by now.
        if (context.Database.CurrentTransaction is null) Apply(context);
    }

    private void Failed(DbContext? context)
    {
        if (context is null) return;
        var pending = Of(context);
        pending.Saving = false;
        if (context.Database.CurrentTransaction is null) pending.Changes.Clear();
    }

    // --- Transactions: apply on commit, drop on rollback.

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Apply(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Drop(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    private void Drop(DbContext? context)
    {
        if (context is not null) Of(context).Changes.Clear();
    }

    // --- Bulk statements: no rows are tracked, so the table (and the columns set) decide.

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Executed(command, eventData.Context, result);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Executed(command, eventData.Context, result);
        return ValueTask.FromResult(result);
    }

    private void Executed(DbCommand command, DbContext? context, int rows)
    {
        if (context is null || rows <= 0) return;
        var pending = Of(context);
        if (pending.Saving) return; // SaveChanges' own statements: its tracked rows were read already
        if (Bulk(command.CommandText) is not { } bulk) return;
        pending.Changes.AddBulk(bulk.Table, bulk.Columns);
        if (context.Database.CurrentTransaction is null) Apply(context);
    }

    /// <summary>The table of an UPDATE or DELETE as EF Core writes it (quoted on SQLite, bare on PostgreSQL), and the columns an UPDATE sets.</summary>
    internal static (string Table, IReadOnlyCollection<string>? Columns)? Bulk(string sql)
    {
        var statement = Statement().Match(sql);
        if (!statement.Success) return null;
        var table = statement.Groups["table"].Value;
        if (!statement.Groups["update"].Success) return (table, null);
        var set = SetClause().Match(sql);
        if (!set.Success) return (table, null); // unknown columns: treated as all of them
        var columns = SetColumn().Matches(set.Groups["set"].Value).Select(m => m.Groups["column"].Value).ToHashSet();
        return (table, columns.Count == 0 ? null : columns);
    }

    [GeneratedRegex("""^\s*(?:(?<update>UPDATE)|DELETE\s+FROM)\s+"?(?<table>\w+)"?""", RegexOptions.IgnoreCase)]
    private static partial Regex Statement();

    [GeneratedRegex("""\bSET\s+(?<set>.*?)(?:\s+FROM\s|\s+WHERE\s|\s+RETURNING\s|$)""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex SetClause();

    // `col = …` or `"col" = …` (optionally qualified) at the start of each assignment; `=` inside values does not follow a bare name and comma.
    [GeneratedRegex("""(?:^|,)\s*(?:"?\w+"?\.)?"?(?<column>\w+)"?\s*=""")]
    private static partial Regex SetColumn();

    private void Apply(DbContext? context)
    {
        if (context is null) return;
        var changes = Of(context).Changes;
        if (changes.IsEmpty) return;
        changes.ApplyTo(cache);
        peers.Send(changes);
        changes.Clear();
    }
}
