using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Switchboard.SocketIO;

/// <summary>A Socket.IO namespace: its middlewares, connection handlers, sockets and adapter.</summary>
public sealed class Namespace
{
    private readonly ConcurrentDictionary<string, Socket> _sockets = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();
    private Func<Socket, Func<Task>, Task>[] _middlewares = [];
    private Func<Socket, Task>[] _connectionHandlers = [];
    private Func<ServerSideEvent, Task>[] _serverSideHandlers = [];
    private int _nextBroadcastAckId = -1;

    internal Namespace(SocketIOServer server, string name, ISocketIOAdapterFactory adapterFactory)
    {
        Server = server;
        Name = name;
        Adapter = adapterFactory.Create(this);
    }

    /// <summary>The namespace's name, e.g. <c>/</c> or <c>/admin</c>.</summary>
    public string Name { get; }

    /// <summary>The server this namespace belongs to.</summary>
    public SocketIOServer Server { get; }

    /// <summary>The adapter that carries this namespace's room-targeted operations.</summary>
    public ISocketIOAdapter Adapter { get; }

    /// <summary>The sockets connected to this namespace on this node, by id.</summary>
    public IReadOnlyDictionary<string, Socket> Sockets => _sockets;

    internal ConcurrentDictionary<string, Socket> SocketMap => _sockets;

    /// <summary>
    /// The ack id of a broadcast with acknowledgements, shared by all its sockets so that the packet is encoded once
    /// (Node: <c>nsp._ids++</c>). Taken from 2^30 up (wrapping there), apart from the ids below 2^30 a socket counts for
    /// its own emits; a socket that still waits under the same id after a wrap gets a packet of its own.
    /// </summary>
    internal int NextBroadcastAckId() => (Interlocked.Increment(ref _nextBroadcastAckId) & 0x3FFF_FFFF) | 0x4000_0000;

    /// <summary>
    /// Adds a connection middleware. Call <c>next()</c> to continue; throw (ideally a
    /// <see cref="SocketIOConnectionException"/>) to refuse the connection with CONNECT_ERROR.
    /// A middleware that returns without calling <c>next()</c> refuses it too.
    /// </summary>
    public Namespace Use(Func<Socket, Func<Task>, Task> middleware)
    {
        lock (_sync)
        {
            _middlewares = [.. _middlewares, middleware];
        }

        return this;
    }

    /// <summary>Adds a handler called for every socket once its connection has been accepted.</summary>
    public Namespace OnConnection(Func<Socket, Task> handler)
    {
        lock (_sync)
        {
            _connectionHandlers = [.. _connectionHandlers, handler];
        }

        return this;
    }

    /// <summary>Adds a synchronous connection handler.</summary>
    public Namespace OnConnection(Action<Socket> handler) => OnConnection(socket =>
    {
        handler(socket);
        return Task.CompletedTask;
    });

    /// <summary>Targets the sockets in this room.</summary>
    public BroadcastOperator To(string room) => new BroadcastOperator(this).To(room);

    /// <summary>Targets the sockets in these rooms.</summary>
    public BroadcastOperator To(IEnumerable<string> rooms) => new BroadcastOperator(this).To(rooms);

    /// <summary>Same as <see cref="To(string)"/>.</summary>
    public BroadcastOperator In(string room) => To(room);

    /// <summary>Same as <see cref="To(IEnumerable{string})"/>.</summary>
    public BroadcastOperator In(IEnumerable<string> rooms) => To(rooms);

    /// <summary>Targets every socket except those in this room.</summary>
    public BroadcastOperator Except(string room) => new BroadcastOperator(this).Except(room);

    /// <summary>Targets every socket except those in these rooms.</summary>
    public BroadcastOperator Except(IEnumerable<string> rooms) => new BroadcastOperator(this).Except(rooms);

    /// <summary>Restricts the next operation to this node.</summary>
    public BroadcastOperator Local => new(this, local: true);

    /// <summary>Sets the timeout of a broadcast with acknowledgements to every socket (see <see cref="BroadcastOperator.EmitWithAckAsync"/>).</summary>
    public BroadcastOperator Timeout(TimeSpan timeout) => new BroadcastOperator(this).Timeout(timeout);

    /// <summary>Every socket of the namespace, with a packet that may be lost (see <see cref="BroadcastOperator.Volatile"/>).</summary>
    public BroadcastOperator Volatile => new BroadcastOperator(this).Volatile;

    /// <summary>Sends the event to every socket of the namespace on this node and returns their acknowledgements (see <see cref="BroadcastOperator.EmitWithAckAsync"/>).</summary>
    public Task<IReadOnlyList<SocketIOArgs>> EmitWithAckAsync(string eventName, params object?[] args) => new BroadcastOperator(this).EmitWithAckAsync(eventName, args);

    /// <summary>Emits to every socket of the namespace.</summary>
    public ValueTask EmitAsync(string eventName, params object?[] args) => new BroadcastOperator(this).EmitAsync(eventName, args);

    /// <summary>The sockets of this namespace on this node.</summary>
    public ValueTask<IReadOnlyList<Socket>> FetchSocketsAsync() => new BroadcastOperator(this).FetchSocketsAsync();

    /// <summary>Makes every socket of the namespace join the rooms.</summary>
    public ValueTask SocketsJoinAsync(params string[] rooms) => new BroadcastOperator(this).SocketsJoinAsync(rooms);

    /// <summary>Makes every socket of the namespace leave the rooms.</summary>
    public ValueTask SocketsLeaveAsync(params string[] rooms) => new BroadcastOperator(this).SocketsLeaveAsync(rooms);

    /// <summary>Disconnects every socket of the namespace; with <paramref name="close"/> their whole connection is closed.</summary>
    public ValueTask DisconnectSocketsAsync(bool close = false) => new BroadcastOperator(this).DisconnectSocketsAsync(close);

    /// <summary>
    /// The rooms with a socket on any node of the cluster (Node: <c>io.of(nsp).adapter.allRooms()</c>); waits up to
    /// <paramref name="timeout"/> (5 s by default) for the other nodes.
    /// </summary>
    public ValueTask<IReadOnlySet<string>> AllRoomsAsync(TimeSpan? timeout = null) => Adapter.AllRoomsAsync(timeout ?? TimeSpan.FromSeconds(5));

    /// <summary>Every socket of the namespace on every node (see <see cref="BroadcastOperator.FetchClusterSocketsAsync"/>).</summary>
    public ValueTask<IReadOnlyList<RemoteSocket>> FetchClusterSocketsAsync(TimeSpan? timeout = null) => new BroadcastOperator(this).FetchClusterSocketsAsync(timeout);

    /// <summary>Adds a handler for events other servers send with <see cref="ServerSideEmitAsync"/> (Node: io.on(event) for serverSideEmit).</summary>
    public Namespace OnServerSideEmit(Func<ServerSideEvent, Task> handler)
    {
        lock (_sync)
        {
            _serverSideHandlers = [.. _serverSideHandlers, handler];
        }

        return this;
    }

    /// <summary>Sends an event to the other servers of the cluster (not to clients, not to this server).</summary>
    public async ValueTask ServerSideEmitAsync(string eventName, params object?[] args)
    {
        Socket.EnsureNotReserved(eventName);
        await Adapter.ServerSideEmitAsync(ServerSidePacket(eventName, args), expectAcks: false, TimeSpan.Zero).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends an event to the other servers and returns one answer per server that acknowledged it; fails with
    /// <see cref="TimeoutException"/> when not every server answered within <paramref name="timeout"/>.
    /// </summary>
    public ValueTask<IReadOnlyList<JsonElement>> ServerSideEmitWithAckAsync(string eventName, TimeSpan timeout, params object?[] args)
    {
        Socket.EnsureNotReserved(eventName);
        return Adapter.ServerSideEmitAsync(ServerSidePacket(eventName, args), expectAcks: true, timeout);
    }

    /// <summary>Called by a distributed adapter with what another server sent; <paramref name="ack"/> answers it.</summary>
    public void OnServerSideEmitReceived(JsonElement packet, Func<object?, ValueTask>? ack)
    {
        var e = ServerSideEvent.FromPacket(packet, Server.Options.SerializerOptions, ack);
        foreach (var handler in _serverSideHandlers)
        {
            Server.Invoke(handler, e, "serverSideEmit " + e.Name);
        }
    }

    private JsonElement ServerSidePacket(string eventName, object?[] args) =>
        JsonSerializer.SerializeToElement<object?[]>([eventName, .. args], Server.Options.SerializerOptions);

    internal async Task ConnectAsync(SocketIOConnection client, JsonElement auth)
    {
        var recovery = Server.Options.ConnectionStateRecovery;
        var (restored, offset) = recovery is null ? default : await TryRestoreAsync(auth).ConfigureAwait(false);
        var socket = new Socket(this, client, auth, restored?.Session);
        var middlewares = _middlewares;
        if (middlewares.Length > 0 && !(restored is not null && recovery!.SkipMiddlewares && client.IsOpen))
        {
            try
            {
                var reachedEnd = false;
                await RunMiddlewareAsync(socket, middlewares, 0, () => reachedEnd = true).ConfigureAwait(false);
                if (!reachedEnd)
                {
                    throw new SocketIOConnectionException("Connection refused");
                }
            }
            catch (Exception ex)
            {
                // Rooms the middlewares joined were only noted on the socket: nothing to undo elsewhere.
                socket.Abandon();
                client.SendConnectError(Name, ex);
                return;
            }
        }

        // One step: registered in the connection, this namespace and the adapter (its own room and the
        // rooms the middlewares joined) — or, if the client went away meanwhile, nowhere at all.
        if (!socket.TryRegister())
        {
            client.ConnectAbandoned(Name);
            return;
        }

        if (restored is not null && socket.Recovered)
        {
            // Kept by every middleware (none called DeclineRecovery). Registered and corked: from here every live packet for its rooms queues up with its offset. What
            // was stored between the restore and now is fetched again; CompleteConnect sends each offset once.
            socket.SetReplay(await WithPacketsSinceRestoreAsync(restored, offset!, socket).ConfigureAwait(false));
        }

        foreach (var handler in _connectionHandlers)
        {
            Server.Invoke(handler, socket, "connection");
        }

        socket.CompleteConnect();
    }

    /// <summary>
    /// The session named by the client's CONNECT auth (<c>{"pid": ..., "offset": ...}</c>, which socket.io-client
    /// adds by itself), or null: no such fields, session expired, offset gone, or the adapter failed (a fresh
    /// session then, never an error).
    /// </summary>
    private async Task<(RestoredSession? Session, string? Offset)> TryRestoreAsync(JsonElement auth)
    {
        if (auth.ValueKind != JsonValueKind.Object
            || !auth.TryGetProperty("pid", out var pid) || pid.ValueKind != JsonValueKind.String
            || !auth.TryGetProperty("offset", out var offset) || offset.ValueKind != JsonValueKind.String)
        {
            return default;
        }

        try
        {
            var restored = await Adapter.RestoreSessionAsync(pid.GetString()!, offset.GetString()!).ConfigureAwait(false);
            if (restored is not null && restored.MissedPackets.Count > Server.Options.MaxBufferedPackets / 2)
            {
                // The replay would fill the connection's send queue (MaxBufferedPackets), which disconnects the
                // client: better a fresh session, after which the client re-reads its state.
                Logger.LogInformation("Socket {Id} missed {Count} packets, more than its send queue takes: fresh session", restored.Session.Sid, restored.MissedPackets.Count);
                return default;
            }

            return (restored, offset.GetString());
        }
        catch (Exception error)
        {
            Logger.LogWarning(error, "Connection state recovery failed in namespace {Namespace}; the client gets a fresh session", Name);
            return default;
        }
    }

    private async Task<IReadOnlyList<StoredPacket>> WithPacketsSinceRestoreAsync(RestoredSession restored, string clientOffset, Socket socket)
    {
        var missed = restored.MissedPackets;
        var since = missed.Count > 0 ? missed[^1].Offset : clientOffset;

        try
        {
            var gap = await Adapter.GetPacketsAfterAsync([.. socket.Rooms], since).ConfigureAwait(false);
            return gap.Count == 0 ? missed : [.. missed, .. gap];
        }
        catch (Exception error)
        {
            Logger.LogWarning(error, "Could not read the packets sent while socket {Id} was being recovered", socket.Id);
            return missed;
        }
    }

    internal void Remove(Socket socket)
    {
        _sockets.TryRemove(new KeyValuePair<string, Socket>(socket.Id, socket));
        Adapter.DelAll(socket.Id);
    }

    internal ILogger Logger => Server.Logger;

    private static Task RunMiddlewareAsync(Socket socket, Func<Socket, Func<Task>, Task>[] middlewares, int index, Action onEnd)
    {
        if (index == middlewares.Length)
        {
            onEnd();
            return Task.CompletedTask;
        }

        return middlewares[index](socket, () => RunMiddlewareAsync(socket, middlewares, index + 1, onEnd));
    }
}
