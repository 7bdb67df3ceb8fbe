using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Storage;
using Switchboard.Domain;
using Switchboard.Operations;
using Switchboard.Tenancy;

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
    // The use case's span (null when nobody traces): every counting write passes through here, so this one
    // place gives each use case a span with its workspace id, its lock wait, its queries and its commit as children.
    private readonly Activity? _span;

    private WorkspaceWork(SwitchboardDb db, IDomainEvents events, IDbContextTransaction transaction, Workspace workspace, Activity? span)
    {
        _db = db;
        _events = events;
        _transaction = transaction;
        Workspace = workspace;
        _span = span;
    }

    /// <summary>The workspace as it is under the lock (plan, settings): the copy rules must read.</summary>
    public Workspace Workspace { get; }

    /// <summary>Begins the transaction and takes the lock; null (nothing begun) when the workspace is gone.</summary>
    public static Task<WorkspaceWork?> BeginAsync(SwitchboardDb db, IDomainEvents events, Guid workspaceId,
        bool shared = false, [CallerFilePath] string useCaseFile = "", [CallerMemberName] string useCase = "") =>
        Begin(db, events, workspaceId, null, shared, useCaseFile, useCase);

    /// <summary>
    /// Begins a signed-in caller's change: as <see cref="BeginAsync(SwitchboardDb, IDomainEvents, Guid, bool, string, string)"/>,
    /// then reads the caller's membership under the lock and holds it against the cached caller the request's rights
    /// were judged on (<see cref="LockedRights"/>). When they differ — a role, a suspension or a workspace setting that
    /// committed after the cache was filled, on this node or another — nothing is done and the request ends with a 403
    /// (<see cref="CallerRightsChangedException"/>), so no permission is granted from a copy older than the lock. A
    /// caller who is no longer a member (removed, or the workspace deleted while this waited) gets null, as a gone workspace.
    /// </summary>
    public static Task<WorkspaceWork?> BeginAsync(SwitchboardDb db, IDomainEvents events, Caller caller,
        bool shared = false, [CallerFilePath] string useCaseFile = "", [CallerMemberName] string useCase = "") =>
        Begin(db, events, caller.WorkspaceId, caller, shared, useCaseFile, useCase);

    private static Task<WorkspaceWork?> Begin(SwitchboardDb db, IDomainEvents events, Guid workspaceId, Caller? caller,
        bool shared, string useCaseFile, string useCase)
    {
        // Not async on purpose: the span becomes Activity.Current in the caller's own context, so the queries
        // the use case runs after this returns are its children (an async method's changes to it would not flow back).
        var span = Telemetry.StartUseCase(workspaceId, useCaseFile, useCase);
        var begun = BeginSpannedAsync(db, events, workspaceId, caller, shared, span);
        return span is null ? begun : EndSpanUnlessBegunAsync(begun, span);
    }

    private static async Task<WorkspaceWork?> EndSpanUnlessBegunAsync(Task<WorkspaceWork?> begun, Activity span)
    {
        try
        {
            var work = await begun;
            if (work is null) span.Dispose();
            return work;
        }
        catch (Exception error)
        {
            span.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
            span.Dispose();
            throw;
        }
    }

    private static async Task<WorkspaceWork?> BeginSpannedAsync(SwitchboardDb db, IDomainEvents events, Guid workspaceId,
        Caller? caller, bool shared, Activity? span)
    {
        var transaction = await db.Database.BeginTransactionAsync();
        // No savepoint before SaveChanges (EF's default inside a transaction costs a round trip): a unit of work
        // that fails to save is rolled back whole, never retried from a savepoint.
        db.Database.AutoSavepointsEnabled = false;
        var waitStarted = Stopwatch.GetTimestamp();
        var workspace = await WorkspaceLock.AcquireAsync(db, workspaceId, shared);
        Telemetry.LockWait.Record(Telemetry.SecondsSince(waitStarted),
            new KeyValuePair<string, object?>("mode", shared ? "shared" : "exclusive"));
        if (workspace is null)
        {
            await transaction.DisposeAsync();
            return null;
        }
        var verdict = caller is null ? LockedRights.Verdict.Hold : await LockedRights.HoldAsync(db, caller, workspace);
        if (verdict != LockedRights.Verdict.Hold)
        {
            await transaction.DisposeAsync();
            if (verdict == LockedRights.Verdict.Gone) return null;
            throw new CallerRightsChangedException(workspaceId);
        }
        return new WorkspaceWork(db, events, transaction, workspace, span);
    }

    /// <summary>Remembers an event to publish once the change has committed.</summary>
    public void Raise(IDomainEvent domainEvent) => _raised.Add(domainEvent);

    public async Task CommitAsync()
    {
        await _db.SaveChangesAsync();
        await _transaction.CommitAsync();
        _span?.SetTag("switchboard.committed", true);
        foreach (var e in _raised) await _events.PublishAsync(e);
        _raised.Clear();
    }

    public ValueTask DisposeAsync()
    {
        // Not async, for the reason BeginAsync is not: ending the span here restores the caller's Activity.Current.
        var disposed = _transaction.DisposeAsync();
        _span?.Dispose();
        return disposed;
    }
}
