namespace Switchboard.Cluster;

/// <summary>
/// What the other nodes know about a member's sockets, so presence decides for the whole cluster: a member
/// with a socket on any live node is never marked offline, and only one node marks them offline.
/// Not registered on a single node, where <see cref="Realtime.Presence"/> decides from its own counts.
/// </summary>
public interface IClusterPresence
{
    /// <summary>Records how many sockets the member has on this node now. Called in order, on every change; never blocks.</summary>
    void Report(Guid workspaceId, Guid userId, int localSockets);

    /// <summary>
    /// Asked when this node's grace period ends: true when no live node holds a socket of the member, the
    /// last one left at least <paramref name="grace"/> ago, and no other node has claimed this offline
    /// already; false otherwise; null when the cluster cannot tell (Redis unreachable) and the node decides alone.
    /// </summary>
    Task<bool?> ClaimOfflineAsync(Guid workspaceId, Guid userId, TimeSpan grace);
}
