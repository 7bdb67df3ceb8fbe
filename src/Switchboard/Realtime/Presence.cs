using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Switchboard.Cluster;
using Switchboard.Domain;

namespace Switchboard.Realtime;

/// <summary>
/// Counts each member's open sockets; when the last one has been gone for the grace period it raises
/// <see cref="PresenceLost"/>, and the team feature (<c>Features/Team/AutoOffline</c>) makes the member offline
/// unless the workspace turned this off. Connecting again never flips the status back:
/// the member's own choice stands. In a cluster (<paramref name="cluster"/>) each node reports its counts and
/// asks before marking offline, so a socket on another node keeps the member online and only one node acts.
/// </summary>
public sealed class Presence(IServiceScopeFactory scopes, IOptions<RealtimeOptions> options, TimeProvider time,
    ILogger<Presence> log, IClusterPresence? cluster = null)
{
    private readonly ConcurrentDictionary<(Guid Workspace, Guid User), Entry> _members = new();

    private sealed class Entry
    {
        public int Sockets;
        public CancellationTokenSource? Pending;
    }

    public void Connected(Guid workspaceId, Guid userId)
    {
        var entry = _members.GetOrAdd((workspaceId, userId), _ => new Entry());
        lock (entry)
        {
            entry.Sockets++;
            cluster?.Report(workspaceId, userId, entry.Sockets);
            entry.Pending?.Cancel();
            entry.Pending = null;
        }
    }

    /// <param name="workspaceId">The member's workspace.</param>
    /// <param name="userId">The member.</param>
    /// <param name="recoverable">
    /// The socket went away for a transport reason and may be recovered within the recovery window: the member
    /// is not made offline before that window has passed either (a recovered socket counts as connected again).
    /// </param>
    public void Disconnected(Guid workspaceId, Guid userId, bool recoverable = false)
    {
        if (!_members.TryGetValue((workspaceId, userId), out var entry)) return;
        CancellationTokenSource pending;
        lock (entry)
        {
            --entry.Sockets;
            cluster?.Report(workspaceId, userId, entry.Sockets);
            if (entry.Sockets > 0) return;
            entry.Pending?.Cancel();
            entry.Pending = pending = new CancellationTokenSource();
        }
        var grace = TimeSpan.FromSeconds(options.Value.PresenceGraceSeconds);
        if (recoverable && options.Value.RecoveryWindow > grace) grace = options.Value.RecoveryWindow;
        _ = GoOfflineLaterAsync(workspaceId, userId, entry, grace, pending.Token);
    }

    private async Task GoOfflineLaterAsync(Guid workspaceId, Guid userId, Entry entry, TimeSpan grace, CancellationToken cancelled)
    {
        try
        {
            await Task.Delay(grace, time, cancelled);
            lock (entry)
            {
                if (cancelled.IsCancellationRequested || entry.Sockets > 0) return;
                entry.Pending = null;
            }
            // Redis unreachable (null): this node decides from its own sockets, as a single node would.
            if (cluster is not null && await cluster.ClaimOfflineAsync(workspaceId, userId, grace) == false) return;
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IDomainEvents>().PublishAsync(new PresenceLost(workspaceId, userId));
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception error)
        {
            log.LogWarning(error, "Presence could not mark {User} offline in {Workspace}", userId, workspaceId);
        }
    }
}
