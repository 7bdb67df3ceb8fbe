using System.Text.Json;

namespace Switchboard.SocketIO;

/// <summary>
/// The seam between a namespace and the rest of a cluster (Node's <c>Adapter</c>). One instance per
/// namespace. Every broadcast and every room operation that targets rooms goes through
/// <see cref="PublishAsync"/>: the in-process adapter just applies it locally, a distributed one
/// (e.g. Redis) also forwards it to other nodes and calls <see cref="ApplyLocal"/> for what they send.
/// Room membership itself is always local: each node knows the rooms of its own sockets.
/// </summary>
public interface ISocketIOAdapter
{
    /// <summary>The namespace this adapter serves.</summary>
    Namespace Namespace { get; }

    /// <summary>Adds a local socket to rooms (socket.JoinAsync, and its own id room on connect).</summary>
    void AddAll(string socketId, IReadOnlyCollection<string> rooms);

    /// <summary>Removes a local socket from one room.</summary>
    void Del(string socketId, string room);

    /// <summary>Removes a local socket from all its rooms (on disconnect).</summary>
    void DelAll(string socketId);

    /// <summary>The rooms a local socket is in.</summary>
    IReadOnlySet<string> GetRooms(string socketId);

    /// <summary>
    /// Hook for cluster-wide operations: broadcast, sockets join/leave, disconnect sockets. A distributed
    /// adapter publishes <paramref name="operation"/> here (unless <c>operation.Options.Local</c>) and
    /// then applies it locally.
    /// </summary>
    ValueTask PublishAsync(AdapterOperation operation);

    /// <summary>Applies an operation to the sockets of this node only: sends the packet, changes rooms, disconnects.</summary>
    void ApplyLocal(AdapterOperation operation);

    /// <summary>The sockets matching the options (this node's only for the in-process adapter).</summary>
    ValueTask<IReadOnlyList<Socket>> FetchSocketsAsync(BroadcastOptions options);

    /// <summary>
    /// The matching sockets of every node, as descriptions (Node: fetchSockets across servers). The in-process
    /// adapter describes its own; a distributed one asks the other nodes and waits up to <paramref name="timeout"/>.
    /// </summary>
    ValueTask<IReadOnlyList<RemoteSocket>> FetchClusterSocketsAsync(BroadcastOptions options, TimeSpan timeout) =>
        ValueTask.FromResult<IReadOnlyList<RemoteSocket>>([]);

    /// <summary>
    /// The other nodes' part of a broadcast with acknowledgements (Node: <c>broadcastWithAck</c> of a cluster
    /// adapter): sends <paramref name="eventData"/> (<c>[event, ...args]</c>, JSON) with an acknowledgement to the
    /// matching sockets of every other node. Each node reports through <paramref name="onNodeCount"/> how many
    /// sockets it reached, and each answer comes through <paramref name="onAnswer"/> (its first argument, as Node
    /// carries it). Returns how many other nodes were asked; nothing is called for this request after
    /// <paramref name="done"/> is cancelled. A single node asks no one: 0.
    /// </summary>
    ValueTask<int> BroadcastWithAckToOthersAsync(JsonElement eventData, BroadcastOptions options, TimeSpan timeout,
        Action<int> onNodeCount, Action<JsonElement> onAnswer, CancellationToken done) => ValueTask.FromResult(0);

    /// <summary>
    /// The names of the rooms that have a socket on any node, socket id rooms included (Node: <c>adapter.allRooms()</c>
    /// of the Redis pub/sub adapter). The in-process adapter knows its own; a distributed one asks the other nodes
    /// and waits up to <paramref name="timeout"/>. An adapter that cannot ask (Node's streams adapter has no such
    /// request) throws <see cref="NotSupportedException"/> rather than answer with part of the cluster.
    /// </summary>
    ValueTask<IReadOnlySet<string>> AllRoomsAsync(TimeSpan timeout) =>
        ValueTask.FromException<IReadOnlySet<string>>(new NotSupportedException($"{GetType().Name} cannot list the rooms of every node."));

    /// <summary>
    /// Sends <paramref name="packet"/> (<c>[event, ...args]</c>) to the other nodes' <c>OnServerSideEmit</c>
    /// handlers; with <paramref name="expectAcks"/>, returns their answers (waiting up to <paramref name="timeout"/>).
    /// A single node has no one to tell: no answers.
    /// </summary>
    ValueTask<IReadOnlyList<JsonElement>> ServerSideEmitAsync(JsonElement packet, bool expectAcks, TimeSpan timeout) =>
        ValueTask.FromResult<IReadOnlyList<JsonElement>>([]);

    /// <summary>
    /// Connection state recovery: keeps the session of a socket that disconnected for a transport reason
    /// (Node: persistSession). Must not throw or block; an adapter that cannot store it just drops it.
    /// </summary>
    void PersistSession(SocketSession session)
    {
    }

    /// <summary>
    /// Connection state recovery: the session of <paramref name="pid"/> (single use) and the packets its rooms
    /// were sent after <paramref name="offset"/>; null when the session expired or the offset is no longer kept
    /// (the client then gets a fresh session). Node: restoreSession.
    /// </summary>
    /// <remarks>
    /// Recovery relies on the adapter delivering recoverable packets to this server's sockets in offset order:
    /// the client sends back only the last offset it got, and is sent everything after it.
    /// </remarks>
    ValueTask<RestoredSession?> RestoreSessionAsync(string pid, string offset) => ValueTask.FromResult<RestoredSession?>(null);

    /// <summary>
    /// The packets for <paramref name="rooms"/> kept after <paramref name="offset"/>: what a recovered socket
    /// may have missed between <see cref="RestoreSessionAsync"/> and its registration.
    /// </summary>
    ValueTask<IReadOnlyList<StoredPacket>> GetPacketsAfterAsync(IReadOnlyCollection<string> rooms, string offset) =>
        ValueTask.FromResult<IReadOnlyList<StoredPacket>>([]);
}
