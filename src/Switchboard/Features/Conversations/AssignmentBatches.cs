using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Operations;
using Switchboard.Tenancy;

namespace Switchboard.Features.Conversations;

/// <summary>
/// Group commit for manual assignments (docs/architecture.md, "Decisions": manual assignments commit in batches). Each
/// assignment on its own paid a transaction, a lock statement, a read, a save, a commit and a statement after it — a
/// WAL flush or two for a two-row change — and 64 concurrent ones queued behind each other's commits. Here the assignments of one
/// workspace that arrive while its previous batch is in flight wait together and then run as one unit of work: one
/// lock, one read of every conversation and member they name, one batched save and one commit; each request still
/// gets its own answer (its own 404/403/400 or success), judged by the same rules in arrival order, and hears it
/// only after the commit and its events. Nothing waits for a batch to fill: a lone assignment starts at once and
/// takes <see cref="AssignConversation.AssignAsync"/>'s one-query path.
/// </summary>
public sealed class AssignmentBatches(IServiceScopeFactory scopes, ILogger<AssignmentBatches> log)
{
    /// <summary>At most this many assignments share a commit: bounds a batch's lock hold time and its statement.</summary>
    internal const int MaxBatch = 64;

    private readonly ConcurrentDictionary<Guid, Lane> _lanes = new();

    /// <summary>
    /// One assignment waiting for its batch. <see cref="Trace"/> is the request's span: a lone assignment's use case
    /// runs under it, a batch's span links to it.
    /// </summary>
    internal sealed record Request(Caller Caller, Guid ConversationId, Guid AgentUserId, DateTime Now, Activity? Trace = null)
    {
        public TaskCompletionSource<Result<Conversation>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>A workspace's queue; one drain at a time per workspace and node keeps arrival order.</summary>
    private sealed class Lane(Guid workspaceId)
    {
        public readonly Guid WorkspaceId = workspaceId;
        public readonly List<Request> Waiting = [];
        public bool Draining;
    }

    public Task<Result<Conversation>> AssignAsync(Caller caller, Guid conversationId, Guid agentUserId, DateTime now)
    {
        var request = new Request(caller, conversationId, agentUserId, now, Activity.Current);
        var lane = _lanes.GetOrAdd(caller.WorkspaceId, static id => new Lane(id));
        bool start;
        lock (lane)
        {
            lane.Waiting.Add(request);
            start = !lane.Draining;
            lane.Draining = true;
        }
        if (start)
        {
            // Not in the first request's execution context: the drain serves other requests too, and their traces
            // are joined by links, not by whichever request happened to start it.
            using (ExecutionContext.SuppressFlow()) _ = Task.Run(() => DrainAsync(lane));
        }
        return request.Done.Task;
    }

    /// <summary>
    /// Holds a workspace's lane as if a batch were in flight: assignments that arrive meanwhile wait, and run as
    /// batches once the handle is disposed. For tests, which need to know which requests share a batch.
    /// </summary>
    internal IDisposable Hold(Guid workspaceId)
    {
        var lane = _lanes.GetOrAdd(workspaceId, static id => new Lane(id));
        lock (lane)
        {
            if (lane.Draining) throw new InvalidOperationException("The lane is draining already");
            lane.Draining = true;
        }
        return new Release(() => { using (ExecutionContext.SuppressFlow()) _ = Task.Run(() => DrainAsync(lane)); });
    }

    /// <summary>How many assignments of the workspace wait for a batch.</summary>
    internal int WaitingIn(Guid workspaceId)
    {
        if (!_lanes.TryGetValue(workspaceId, out var lane)) return 0;
        lock (lane) return lane.Waiting.Count;
    }

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }

    private async Task DrainAsync(Lane lane)
    {
        while (true)
        {
            List<Request> batch;
            lock (lane)
            {
                if (lane.Waiting.Count == 0)
                {
                    lane.Draining = false;
                    // An idle workspace keeps no lane. A request that took this lane just before it left still finds
                    // it not draining and drains it itself; at worst two lanes of one workspace drain side by side for
                    // a moment, which the shared lock allows (as it allows two lone assignments).
                    _lanes.TryRemove(new KeyValuePair<Guid, Lane>(lane.WorkspaceId, lane));
                    return;
                }
                batch = TakeBatch(lane.Waiting);
            }
            try
            {
                await RunAsync(batch);
            }
            catch (Exception error)
            {
                // RunAsync answers every request itself; this is only a backstop so a lane never stops draining.
                log.LogError(error, "An assignment batch failed outside its unit of work");
                foreach (var request in batch) request.Done.TrySetException(error);
            }
        }
    }

    /// <summary>
    /// The longest prefix with no conversation twice: a conversation assigned twice in a row is assigned in two
    /// batches, so each request's event carries the conversation as its own assignment left it.
    /// </summary>
    internal static List<Request> TakeBatch(List<Request> waiting)
    {
        var seen = new HashSet<Guid>();
        var count = 0;
        while (count < waiting.Count && count < MaxBatch && seen.Add(waiting[count].ConversationId)) count++;
        var batch = waiting.GetRange(0, count);
        waiting.RemoveRange(0, count);
        return batch;
    }

    private async Task RunAsync(List<Request> batch)
    {
        Telemetry.AssignmentBatchSize.Record(batch.Count);
        if (batch.Count == 1)
        {
            await RunAloneAsync(batch[0]);
            return;
        }
        using var span = Telemetry.Source.StartActivity("AssignmentBatches.RunAsync", ActivityKind.Internal, default(ActivityContext),
            links: batch.Where(r => r.Trace is not null).Select(r => new ActivityLink(r.Trace!.Context)));
        span?.SetTag("switchboard.batch.size", batch.Count);
        bool committed;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            committed = await AssignConversation.AssignBatchAsync(scope.ServiceProvider.GetRequiredService<SwitchboardDb>(),
                scope.ServiceProvider.GetRequiredService<IDomainEvents>(), batch);
        }
        catch (Exception error)
        {
            // Nothing of the batch committed (a failed save or commit rolls it all back): each request is tried again
            // on its own, so one request's failure (a transient error, a lock timeout) is only ever that request's. A
            // commit whose outcome is unknown (the connection lost during COMMIT) may so be applied twice: the same
            // assignee again, one more audit row and event — as a client retrying the lone assignment would do.
            log.LogWarning(error, "An assignment batch of {Count} failed; assigning each on its own", batch.Count);
            committed = false;
        }
        if (committed) return;
        foreach (var request in batch.Where(r => !r.Done.Task.IsCompleted)) await RunAloneAsync(request);
    }

    private async Task RunAloneAsync(Request request)
    {
        // The request's own trace: the use case's span (WorkspaceWork) becomes its child, as if the request ran it.
        Activity.Current = request.Trace;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await AssignConversation.AssignAsync(scope.ServiceProvider.GetRequiredService<SwitchboardDb>(),
                scope.ServiceProvider.GetRequiredService<IDomainEvents>(), request.Now, request.Caller,
                request.ConversationId, request.AgentUserId);
            request.Done.TrySetResult(result);
        }
        catch (Exception error)
        {
            request.Done.TrySetException(error);
        }
    }
}
