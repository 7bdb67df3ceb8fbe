using System.Buffers;
using Switchboard.SocketIO.EngineIO;

namespace Switchboard.SocketIO;

/// <summary>
/// The single-node adapter. Designed to be subclassed by a distributed adapter: override
/// <see cref="PublishAsync"/> to forward operations, and call <see cref="ApplyLocal"/> for remote ones.
/// With connection state recovery enabled it is also Node's <c>SessionAwareAdapter</c>: it keeps the
/// sessions of disconnected sockets and the recoverable packets of the recovery window in memory.
/// </summary>
public class InMemoryAdapter : ISocketIOAdapter
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, HashSet<string>> _rooms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _socketRooms = new(StringComparer.Ordinal);
    private readonly InMemorySessionStore? _store;

    /// <summary>Creates the adapter of a namespace.</summary>
    public InMemoryAdapter(Namespace nsp)
        : this(nsp, storeSessions: true)
    {
    }

    /// <param name="nsp">The namespace.</param>
    /// <param name="storeSessions">False for a subclass that keeps sessions and packets elsewhere (e.g. in Redis).</param>
    protected InMemoryAdapter(Namespace nsp, bool storeSessions)
    {
        Namespace = nsp;
        if (storeSessions && nsp.Server.Options.ConnectionStateRecovery is { } recovery)
        {
            _store = new InMemorySessionStore(nsp.Server.Engine.Time, recovery.MaxDisconnectionDuration);
        }
    }

    /// <inheritdoc/>
    public Namespace Namespace { get; }

    /// <summary>Names of the rooms that currently have local members.</summary>
    public IReadOnlyCollection<string> Rooms
    {
        get
        {
            lock (_sync)
            {
                return [.. _rooms.Keys];
            }
        }
    }

    /// <inheritdoc/>
    public virtual void AddAll(string socketId, IReadOnlyCollection<string> rooms)
    {
        lock (_sync)
        {
            if (!_socketRooms.TryGetValue(socketId, out var joined))
            {
                joined = new HashSet<string>(StringComparer.Ordinal);
                _socketRooms[socketId] = joined;
            }

            foreach (var room in rooms)
            {
                joined.Add(room);
                if (!_rooms.TryGetValue(room, out var members))
                {
                    members = new HashSet<string>(StringComparer.Ordinal);
                    _rooms[room] = members;
                }

                members.Add(socketId);
            }
        }
    }

    /// <inheritdoc/>
    public virtual void Del(string socketId, string room)
    {
        lock (_sync)
        {
            if (_socketRooms.TryGetValue(socketId, out var joined))
            {
                joined.Remove(room);
            }

            RemoveMember(room, socketId);
        }
    }

    /// <inheritdoc/>
    public virtual void DelAll(string socketId)
    {
        lock (_sync)
        {
            if (!_socketRooms.Remove(socketId, out var joined))
            {
                return;
            }

            foreach (var room in joined)
            {
                RemoveMember(room, socketId);
            }
        }
    }

    /// <inheritdoc/>
    public IReadOnlySet<string> GetRooms(string socketId)
    {
        lock (_sync)
        {
            return _socketRooms.TryGetValue(socketId, out var joined)
                ? new HashSet<string>(joined, StringComparer.Ordinal)
                : new HashSet<string>();
        }
    }

    /// <summary>
    /// The in-process adapter has no one to tell: it applies the operation here. With recovery enabled a
    /// broadcast is first given an offset and kept for the recovery window.
    /// </summary>
    public virtual ValueTask PublishAsync(AdapterOperation operation)
    {
        if (_store is not null && operation is { Kind: AdapterOperationKind.Broadcast, Packet: { } packet, Options.Volatile: false })
        {
            _store.Append(packet, operation.Options, stored => BroadcastLocal(stored.Packet, operation.Options, stored.Offset));
            return ValueTask.CompletedTask;
        }

        ApplyLocal(operation);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public virtual ValueTask<IReadOnlyList<RemoteSocket>> FetchClusterSocketsAsync(BroadcastOptions options, TimeSpan timeout) =>
        ValueTask.FromResult<IReadOnlyList<RemoteSocket>>(
            [.. CollectLocal(options).Select(socket => RemoteSocket.From(socket, Namespace.Server.Options.SerializerOptions))]);

    /// <inheritdoc/>
    public virtual ValueTask<IReadOnlyList<System.Text.Json.JsonElement>> ServerSideEmitAsync(System.Text.Json.JsonElement packet, bool expectAcks, TimeSpan timeout) =>
        ValueTask.FromResult<IReadOnlyList<System.Text.Json.JsonElement>>([]);

    /// <inheritdoc/>
    public virtual ValueTask<int> BroadcastWithAckToOthersAsync(System.Text.Json.JsonElement eventData, BroadcastOptions options, TimeSpan timeout,
        Action<int> onNodeCount, Action<System.Text.Json.JsonElement> onAnswer, CancellationToken done) => ValueTask.FromResult(0);

    /// <inheritdoc/>
    public virtual ValueTask<IReadOnlySet<string>> AllRoomsAsync(TimeSpan timeout) =>
        ValueTask.FromResult<IReadOnlySet<string>>(new HashSet<string>(Rooms, StringComparer.Ordinal));

    /// <inheritdoc/>
    public virtual void PersistSession(SocketSession session) => _store?.Persist(session);

    /// <inheritdoc/>
    public virtual ValueTask<RestoredSession?> RestoreSessionAsync(string pid, string offset) =>
        ValueTask.FromResult(_store?.Restore(pid, offset));

    /// <inheritdoc/>
    public virtual ValueTask<IReadOnlyList<StoredPacket>> GetPacketsAfterAsync(IReadOnlyCollection<string> rooms, string offset) =>
        ValueTask.FromResult(_store?.PacketsAfter(rooms, offset) ?? []);

    /// <inheritdoc/>
    public virtual void ApplyLocal(AdapterOperation operation)
    {
        switch (operation.Kind)
        {
            case AdapterOperationKind.Broadcast when operation.Packet is { } packet:
                BroadcastLocal(packet, operation.Options);
                break;
            case AdapterOperationKind.AddRooms:
                foreach (var socket in CollectLocal(operation.Options))
                {
                    // Through the socket, so that a socket disconnecting meanwhile keeps no room.
                    socket.Join([.. operation.Rooms]);
                }

                break;
            case AdapterOperationKind.RemoveRooms:
                foreach (var socket in CollectLocal(operation.Options))
                {
                    foreach (var room in operation.Rooms)
                    {
                        Del(socket.Id, room);
                    }
                }

                break;
            case AdapterOperationKind.DisconnectSockets:
                foreach (var socket in CollectLocal(operation.Options))
                {
                    socket.Disconnect(operation.Close);
                }

                break;
        }
    }

    /// <inheritdoc/>
    public virtual ValueTask<IReadOnlyList<Socket>> FetchSocketsAsync(BroadcastOptions options) =>
        ValueTask.FromResult<IReadOnlyList<Socket>>(CollectLocal(options));

    /// <summary>
    /// Sends the same encoded bytes to every matching local socket. Each send only enqueues (on this thread, so
    /// that per socket the order of emits holds), so a slow client never holds up the others; the idle senders
    /// are then woken in batches, several per thread-pool item.
    /// </summary>
    public void BroadcastLocal(EncodedPacket packet, BroadcastOptions options) => BroadcastLocal(packet, options, null);

    /// <summary>
    /// The same, for a packet that carries a recovery <paramref name="offset"/>: a socket being recovered uses it
    /// to skip a packet it also gets in its replay.
    /// </summary>
    public void BroadcastLocal(EncodedPacket packet, BroadcastOptions options, string? offset)
    {
        var frame = packet.Frame;
        var pool = ArrayPool<Socket>.Shared;
        var targets = CollectLocalPooled(options, out var count);
        var fanOut = new BroadcastFanOut();
        try
        {
            for (var i = 0; i < count; i++)
            {
                if (!options.Volatile || targets[i].CanSendNow)
                {
                    targets[i].Send(frame, offset, fanOut);
                }
            }
        }
        finally
        {
            // Even after a failure: a claimed wake-up must happen, or that sender sleeps on a non-empty queue.
            fanOut.Dispatch();
            Array.Clear(targets, 0, count);
            pool.Return(targets);
        }
    }

    /// <summary>The local sockets matching the options.</summary>
    protected List<Socket> CollectLocal(BroadcastOptions options)
    {
        var targets = CollectLocalPooled(options, out var count);
        var list = new List<Socket>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(targets[i]);
        }

        Array.Clear(targets, 0, count);
        ArrayPool<Socket>.Shared.Return(targets);
        return list;
    }

    private Socket[] CollectLocalPooled(BroadcastOptions options, out int count)
    {
        var sockets = Namespace.SocketMap;
        var pool = ArrayPool<Socket>.Shared;
        var buffer = pool.Rent(Math.Max(16, options.Rooms.Count == 0 ? sockets.Count : 16));
        count = 0;
        lock (_sync)
        {
            if (options.Rooms.Count == 0)
            {
                foreach (var (id, socket) in sockets)
                {
                    if (!IsExcluded(id, options.Except))
                    {
                        Append(ref buffer, ref count, socket);
                    }
                }

                return buffer;
            }

            HashSet<string>? seen = options.Rooms.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
            foreach (var room in options.Rooms)
            {
                if (!_rooms.TryGetValue(room, out var members))
                {
                    continue;
                }

                foreach (var id in members)
                {
                    if ((seen is null || seen.Add(id)) && !IsExcluded(id, options.Except) && sockets.TryGetValue(id, out var socket))
                    {
                        Append(ref buffer, ref count, socket);
                    }
                }
            }
        }

        return buffer;
    }

    private static void Append(ref Socket[] buffer, ref int count, Socket socket)
    {
        if (count == buffer.Length)
        {
            var bigger = ArrayPool<Socket>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, count).CopyTo(bigger);
            Array.Clear(buffer, 0, count);
            ArrayPool<Socket>.Shared.Return(buffer);
            buffer = bigger;
        }

        buffer[count++] = socket;
    }

    private bool IsExcluded(string socketId, IReadOnlySet<string> except)
    {
        if (except.Count == 0)
        {
            return false;
        }

        foreach (var room in except)
        {
            if (_rooms.TryGetValue(room, out var members) && members.Contains(socketId))
            {
                return true;
            }
        }

        return false;
    }

    private void RemoveMember(string room, string socketId)
    {
        if (_rooms.TryGetValue(room, out var members) && members.Remove(socketId) && members.Count == 0)
        {
            _rooms.Remove(room);
        }
    }
}
