using Microsoft.EntityFrameworkCore.Storage;
using Switchboard.Domain;

namespace Switchboard.Data;

/// <summary>
/// The unit of work of every change that counts something in a workspace: one transaction that first takes
/// the workspace's lock (<see cref="WorkspaceLock"/>), then saves and commits, and only after the commit
/// hands the events it raised to <see cref="IDomainEvents"/> — so no socket ever hears of a change that
/// rolled back. Disposing without <see cref="CommitAsync"/> rolls back and drops the events.
/// </summary>
public sealed class WorkspaceWork : IAsyncDisposable
{
    private readonly SwitchboardDb _db;
    private readonly IDomainEvents _events;
    private readonly IDbContextTransaction _transaction;
    private readonly List<IDomainEvent> _raised = [];

    private WorkspaceWork(SwitchboardDb db, IDomainEvents events, IDbContextTransaction transaction, Workspace workspace)
    {
        _db = db;
        _events = events;
        _transaction = transaction;
        Workspace = workspace;
    }

    /// <summary>The workspace as it is under the lock (plan, settings): the copy rules must read.</summary>
    public Workspace Workspace { get; }

    /// <summary>Begins the transaction and takes the lock; null (nothing begun) when the workspace is gone.</summary>
    public static async Task<WorkspaceWork?> BeginAsync(SwitchboardDb db, IDomainEvents events, Guid workspaceId,
        bool shared = false)
    {
        var transaction = await db.Database.BeginTransactionAsync();
        // No savepoint before SaveChanges (EF's default inside a transaction costs a round trip): a unit of work
        // that fails to save is rolled back whole, never retried from a savepoint.
        db.Database.AutoSavepointsEnabled = false;
        var workspace = await WorkspaceLock.AcquireAsync(db, workspaceId, shared);
        if (workspace is null)
        {
            await transaction.DisposeAsync();
            return null;
        }
        return new WorkspaceWork(db, events, transaction, workspace);
    }

    /// <summary>Remembers an event to publish once the change has committed.</summary>
    public void Raise(IDomainEvent domainEvent) => _raised.Add(domainEvent);

    public async Task CommitAsync()
    {
        await _db.SaveChangesAsync();
        await _transaction.CommitAsync();
        foreach (var e in _raised) await _events.PublishAsync(e);
        _raised.Clear();
    }

    public ValueTask DisposeAsync() => _transaction.DisposeAsync();
}
