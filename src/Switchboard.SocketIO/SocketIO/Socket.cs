using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Switchboard.SocketIO.EngineIO;

namespace Switchboard.SocketIO;

/// <summary>A client's connection to one namespace (Node: the server-side Socket).</summary>
public sealed class Socket
{
    private static readonly string[] ReservedEvents = ["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"];

    private const int StateHandshaking = 0;
    private const int StateConnected = 1;
    private const int StateClosed = 2;

    private readonly Lock _sync = new();

    // Guards the life cycle (handshaking → connected → closed) together with room membership, so that a
    // join can never land in the adapter after the socket has left it.
    private readonly Lock _stateLock = new();
    private readonly Dictionary<string, Func<SocketIOEvent, Task>[]> _handlers = new(StringComparer.Ordinal);
    // Made on the first emit that expects an ack (under _sync): most sockets never have one outstanding.
    private Dictionary<int, TaskCompletionSource<SocketIOArgs>>? _acks;
    private ConcurrentDictionary<string, object?>? _data;
    private Func<SocketIOEvent, Task>[] _anyHandlers = [];
    private Func<string, Task>[] _disconnectingHandlers = [];
    private Func<string, Task>[] _disconnectHandlers = [];
    private int _nextAckId = -1;
    private int _state;
    private HashSet<string>? _pendingRooms;
    private bool _inConnectHandlers;
    private string? _deferredClose;
    private List<(OutboundFrame Frame, string? Offset)>? _corked;
    private IReadOnlyList<StoredPacket>? _replay;
    private HashSet<string>? _replayed;

    internal Socket(Namespace nsp, SocketIOConnection client, JsonElement auth, SocketSession? restored = null)
    {
        Namespace = nsp;
        Client = client;
        Handshake = new SocketHandshake(client.Connection.Request, auth);
        if (restored is not null)
        {
            // Connection state recovery: the same id, rooms and data as before the disconnect.
            Id = restored.Sid;
            Pid = restored.Pid;
            _pendingRooms = new HashSet<string>(restored.Rooms, StringComparer.Ordinal);
            _pendingRooms.Remove(Id);
            foreach (var (key, value) in restored.Data)
            {
                Data[key] = value;
            }

            Recovered = true;
        }
        else
        {
            Id = SessionIdGenerator.NewId();
            Pid = nsp.Server.Options.ConnectionStateRecovery is null ? null : SessionIdGenerator.NewId();
        }
    }

    /// <summary>This socket's id (distinct from the Engine.IO session id); also the name of its own room.</summary>
    /// <remarks>Changes only while the middlewares run, when one of them calls <see cref="DeclineRecovery"/>.</remarks>
    public string Id { get; private set; }

    /// <summary>
    /// Whether this socket is a session restored by connection state recovery: same <see cref="Id"/>, rooms and
    /// <see cref="Data"/> as before the disconnect, and the events it missed were replayed (Node: socket.recovered).
    /// </summary>
    public bool Recovered { get; private set; }

    /// <summary>The private session id the client presents to recover this session; null without recovery.</summary>
    internal string? Pid { get; private set; }

    /// <summary>The namespace the socket connected to.</summary>
    public Namespace Namespace { get; }

    /// <summary>The server.</summary>
    public SocketIOServer Server => Namespace.Server;

    /// <summary>What the client sent when it connected.</summary>
    public SocketHandshake Handshake { get; }

    /// <summary>Free-form data for the application (e.g. the authenticated user id), Node's socket.data.</summary>
    public ConcurrentDictionary<string, object?> Data =>
        // Made on first use: most sockets never store anything, and an empty concurrent dictionary is ~300 bytes.
        System.Threading.Volatile.Read(ref _data) ?? Interlocked.CompareExchange(ref _data, new(concurrencyLevel: 1, capacity: 4, StringComparer.Ordinal), null) ?? _data;

    /// <summary>Whether the socket is still connected.</summary>
    public bool Connected => System.Threading.Volatile.Read(ref _state) == StateConnected;

    /// <summary>The Engine.IO session id of the underlying connection.</summary>
    public string ConnectionId => Client.Connection.Id;

    /// <summary>The current transport: "polling" or "websocket".</summary>
    public string Transport => Client.Connection.Transport;

    /// <summary>
    /// The rooms this socket is in. While the middlewares run, the rooms they joined, which the socket
    /// enters when it is registered (or never, if the connection is refused or the client goes away).
    /// </summary>
    public IReadOnlySet<string> Rooms
    {
        get
        {
            lock (_stateLock)
            {
                if (_state == StateHandshaking)
                {
                    return _pendingRooms is null ? new HashSet<string>() : new HashSet<string>(_pendingRooms, StringComparer.Ordinal);
                }
            }

            return Namespace.Adapter.GetRooms(Id);
        }
    }

    internal SocketIOConnection Client { get; }

    /// <summary>
    /// Refuses the restored session from a connection middleware while still accepting the connection: the socket
    /// becomes a fresh session — a new <see cref="Id"/> and private session id, no rooms, empty <see cref="Data"/>,
    /// nothing replayed, and the client sees <c>recovered === false</c>. Everything the session brought back and
    /// everything set on the socket so far is dropped, so call it before joining rooms or setting data. Does nothing
    /// on a socket that was not recovered. For servers whose rights change while a client is away (a revoked
    /// credential, a membership that ended): the old session's rooms must not come back just because the client
    /// holds its pid. Node's server has no equivalent (there a middleware can only refuse the connection).
    /// </summary>
    /// <exception cref="InvalidOperationException">Called once the socket is connected (after the middlewares).</exception>
    public void DeclineRecovery()
    {
        lock (_stateLock)
        {
            if (_state == StateConnected)
            {
                throw new InvalidOperationException("A recovery can only be declined by a connection middleware.");
            }

            // Closed: the client went away during the middlewares; the socket will never register.
            if (_state == StateClosed || !Recovered)
            {
                return;
            }

            Id = SessionIdGenerator.NewId();
            Pid = SessionIdGenerator.NewId();
            Recovered = false;
            _pendingRooms = null;
            _data?.Clear();
        }
    }

    private JsonSerializerOptions SerializerOptions => Server.Options.SerializerOptions;

    /// <summary>Adds a handler for an event. The handler runs in arrival order; it is not awaited past its first await.</summary>
    public Socket On(string eventName, Func<SocketIOEvent, Task> handler)
    {
        lock (_sync)
        {
            _handlers[eventName] = _handlers.TryGetValue(eventName, out var existing) ? [.. existing, handler] : [handler];
        }

        return this;
    }

    /// <summary>Adds a synchronous handler for an event.</summary>
    public Socket On(string eventName, Action<SocketIOEvent> handler) => On(eventName, e =>
    {
        handler(e);
        return Task.CompletedTask;
    });

    /// <summary>Adds a handler that receives every event.</summary>
    public Socket OnAny(Func<SocketIOEvent, Task> handler)
    {
        lock (_sync)
        {
            _anyHandlers = [.. _anyHandlers, handler];
        }

        return this;
    }

    /// <summary>Removes every handler of an event.</summary>
    public Socket Off(string eventName)
    {
        lock (_sync)
        {
            _handlers.Remove(eventName);
        }

        return this;
    }

    /// <summary>Called with the reason when the socket disconnects, after it has left its rooms.</summary>
    public Socket OnDisconnect(Func<string, Task> handler)
    {
        lock (_sync)
        {
            _disconnectHandlers = [.. _disconnectHandlers, handler];
        }

        return this;
    }

    /// <summary>Adds a synchronous handler called with the reason once the socket disconnected.</summary>
    public Socket OnDisconnect(Action<string> handler) => OnDisconnect(reason =>
    {
        handler(reason);
        return Task.CompletedTask;
    });

    /// <summary>Called with the reason when the socket is about to disconnect, while it is still in its rooms.</summary>
    public Socket OnDisconnecting(Action<string> handler)
    {
        lock (_sync)
        {
            _disconnectingHandlers = [.. _disconnectingHandlers, reason =>
            {
                handler(reason);
                return Task.CompletedTask;
            }];
        }

        return this;
    }

    /// <summary>
    /// Sends an event to this client. Only queues: it never waits for a slow client. With connection state
    /// recovery it goes through the adapter to the socket's own room, as in Node, so that it gets an offset and
    /// is replayed if the client is away.
    /// </summary>
    public ValueTask EmitAsync(string eventName, params object?[] args)
    {
        EnsureNotReserved(eventName);
        var frame = SocketIOEncoder.EncodeEvent(Namespace.Name, eventName, args, null, SerializerOptions);
        if (Pid is not null && Connected)
        {
            var own = new HashSet<string>(1, StringComparer.Ordinal) { Id };
            return Namespace.Adapter.PublishAsync(AdapterOperation.Broadcast(new EncodedPacket(frame), new BroadcastOptions(own, EmptyRooms, local: false)));
        }

        Send(frame);
        return ValueTask.CompletedTask;
    }

    private static readonly IReadOnlySet<string> EmptyRooms = new HashSet<string>();

    /// <summary>
    /// What this socket would leave behind for its recovery: id, private session id, rooms and data. Null
    /// without recovery. For adapters that keep sessions ahead of a crash (the Redis Streams adapter).
    /// </summary>
    public SocketSession? GetSession() =>
        Pid is null ? null : new SocketSession(Id, Pid, [.. Rooms], new Dictionary<string, object?>(Data, StringComparer.Ordinal));

    /// <summary>Sends an event and waits for the client's acknowledgement, up to <see cref="SocketIOOptions.AckTimeout"/>.</summary>
    public Task<SocketIOArgs> EmitWithAckAsync(string eventName, params object?[] args) =>
        EmitWithAckAsync(eventName, Server.Options.AckTimeout ?? Timeout.InfiniteTimeSpan, args);

    /// <summary>Sends an event and waits for the acknowledgement; fails with <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<SocketIOArgs> EmitWithAckAsync(string eventName, TimeSpan timeout, params object?[] args)
    {
        EnsureNotReserved(eventName);
        var id = NextAckId();
        var pending = new TaskCompletionSource<SocketIOArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_sync)
        {
            (_acks ??= [])[id] = pending;
        }

        if (!Connected || !Send(SocketIOEncoder.EncodeEvent(Namespace.Name, eventName, args, id, SerializerOptions)))
        {
            RemoveAck(id);
            throw new SocketDisconnectedException(DisconnectReason.TransportClose);
        }

        try
        {
            return await pending.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            RemoveAck(id);
            throw new TimeoutException($"No acknowledgement for '{eventName}' within {timeout.TotalMilliseconds} ms.");
        }
    }

    /// <summary>
    /// Sends an event with an acknowledgement id and returns the pending answer, without a timeout: the caller
    /// bounds the wait (a broadcast with acks waits for all its sockets on one clock). Null when the socket is
    /// gone. <see cref="ForgetAck"/> drops an answer the caller stopped waiting for.
    /// </summary>
    internal (int Id, Task<SocketIOArgs> Answer)? SendWithAck(string eventName, object?[] args)
    {
        var id = NextAckId();
        var pending = new TaskCompletionSource<SocketIOArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_sync)
        {
            (_acks ??= [])[id] = pending;
        }

        if (!Connected || !Send(SocketIOEncoder.EncodeEvent(Namespace.Name, eventName, args, id, SerializerOptions)))
        {
            RemoveAck(id);
            return null;
        }

        return (id, pending.Task);
    }

    /// <summary>
    /// The same with a frame encoded once for many sockets under a namespace-wide ack id
    /// (<see cref="Namespace.NextBroadcastAckId"/>), woken by the broadcast's <paramref name="fanOut"/>. Null when the
    /// socket is gone, or when it already waits for an answer under that id (<paramref name="idTaken"/>: the caller
    /// then encodes for this socket alone).
    /// </summary>
    internal (int Id, Task<SocketIOArgs> Answer)? SendWithAck(int id, in OutboundFrame frame, EngineIO.BroadcastFanOut fanOut, out bool idTaken)
    {
        var pending = new TaskCompletionSource<SocketIOArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_sync)
        {
            idTaken = !(_acks ??= []).TryAdd(id, pending);
            if (idTaken)
            {
                return null;
            }
        }

        if (!Connected || !Send(frame, null, fanOut))
        {
            RemoveAck(id);
            return null;
        }

        return (id, pending.Task);
    }

    internal void ForgetAck(int id) => RemoveAck(id);

    // Below 2^30: the ids from 2^30 up belong to broadcasts (Namespace.NextBroadcastAckId).
    private int NextAckId() => Interlocked.Increment(ref _nextAckId) & 0x3FFF_FFFF;

    /// <summary>
    /// Joins a room. From a connection middleware the join is noted and applied together with the
    /// socket's registration; after the socket has disconnected it does nothing.
    /// </summary>
    public ValueTask JoinAsync(string room)
    {
        Join([room]);
        return ValueTask.CompletedTask;
    }

    /// <summary>Joins several rooms.</summary>
    public ValueTask JoinAsync(IEnumerable<string> rooms)
    {
        Join([.. rooms]);
        return ValueTask.CompletedTask;
    }

    /// <summary>Leaves a room.</summary>
    public ValueTask LeaveAsync(string room)
    {
        lock (_stateLock)
        {
            switch (_state)
            {
                case StateHandshaking:
                    _pendingRooms?.Remove(room);
                    break;
                case StateConnected:
                    Namespace.Adapter.Del(Id, room);
                    break;
            }
        }

        return ValueTask.CompletedTask;
    }

    internal void Join(IReadOnlyCollection<string> rooms)
    {
        lock (_stateLock)
        {
            switch (_state)
            {
                case StateHandshaking:
                    (_pendingRooms ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(rooms);
                    break;
                case StateConnected:
                    Namespace.Adapter.AddAll(Id, rooms);
                    break;
            }
        }
    }

    /// <summary>Broadcasts to a room, leaving this socket out (Node: socket.to(room)).</summary>
    public BroadcastOperator To(string room) => Broadcast.To(room);

    /// <summary>Targets the sockets in these rooms, this socket excluded.</summary>
    public BroadcastOperator To(IEnumerable<string> rooms) => Broadcast.To(rooms);

    /// <summary>Same as <see cref="To(string)"/>.</summary>
    public BroadcastOperator In(string room) => To(room);

    /// <summary>Targets every other socket except those in this room.</summary>
    public BroadcastOperator Except(string room) => Broadcast.Except(room);

    /// <summary>Every other socket of the namespace (Node: socket.broadcast).</summary>
    public BroadcastOperator Broadcast => new(Namespace, except: new HashSet<string>(StringComparer.Ordinal) { Id });

    /// <summary>
    /// Sends to this socket a packet that may be lost when its connection cannot take it at once, kept out of
    /// connection state recovery (Node: <c>socket.volatile.emit</c>). See <see cref="BroadcastOptions.Volatile"/>.
    /// </summary>
    public BroadcastOperator Volatile => new(Namespace, rooms: new HashSet<string>(StringComparer.Ordinal) { Id }, local: true, isVolatile: true);

    /// <summary>
    /// Disconnects this socket from its namespace ("server namespace disconnect"); with
    /// <paramref name="close"/> the whole connection (every namespace) is closed too.
    /// </summary>
    public ValueTask DisconnectAsync(bool close = false)
    {
        Disconnect(close);
        return ValueTask.CompletedTask;
    }

    internal void Disconnect(bool close)
    {
        lock (_stateLock)
        {
            if (_state != StateConnected || _deferredClose is not null)
            {
                return;
            }
        }

        if (close)
        {
            Client.DisconnectAll();
            return;
        }

        Send(SocketIOEncoder.EncodeDisconnect(Namespace.Name));
        OnClose(DisconnectReason.ServerNamespaceDisconnect);
    }

    internal static void EnsureNotReserved(string eventName)
    {
        if (Array.IndexOf(ReservedEvents, eventName) >= 0)
        {
            throw new ArgumentException($"\"{eventName}\" is a reserved event name.", nameof(eventName));
        }
    }

    /// <summary>
    /// Registers the socket after its middlewares passed, as one step: in its connection, in the
    /// namespace, and in the adapter with its own room plus the rooms the middlewares joined. Fails, and
    /// leaves nothing behind, when the connection has closed or the socket was dropped meanwhile.
    /// The socket is then connected but holds its packets: the connection handlers' synchronous part
    /// (registering On/OnDisconnect) must run before the client can see the CONNECT ack and act on it,
    /// and a close in the meantime is applied after them (<see cref="CompleteConnect"/>).
    /// </summary>
    internal bool TryRegister()
    {
        lock (_stateLock)
        {
            if (_state != StateHandshaking)
            {
                return false;
            }

            if (!Client.TryAddSocket(this))
            {
                _state = StateClosed;
                _pendingRooms = null;
                return false;
            }

            System.Threading.Volatile.Write(ref _corked, new List<(OutboundFrame, string?)>());
            _inConnectHandlers = true;
            System.Threading.Volatile.Write(ref _state, StateConnected);
            Namespace.SocketMap[Id] = this;
            var rooms = new List<string>(1 + (_pendingRooms?.Count ?? 0)) { Id };
            if (_pendingRooms is not null)
            {
                rooms.AddRange(_pendingRooms);
            }

            Namespace.Adapter.AddAll(Id, rooms);
            _pendingRooms = null;
            return true;
        }
    }

    /// <summary>Drops a socket whose connection was refused: later joins do nothing.</summary>
    internal void Abandon()
    {
        lock (_stateLock)
        {
            if (_state == StateHandshaking)
            {
                System.Threading.Volatile.Write(ref _state, StateClosed);
                _pendingRooms = null;
            }
        }
    }

    /// <summary>
    /// Recovery: the packets the client missed, sent right after the CONNECT ack. A packet that also reached
    /// the socket live since its registration (same offset) is sent once, from here.
    /// </summary>
    internal void SetReplay(IReadOnlyList<StoredPacket> missed) => _replay = missed;

    /// <summary>Whether a volatile packet would leave at once (connected, not holding packets, connection free).</summary>
    internal bool CanSendNow => Connected && System.Threading.Volatile.Read(ref _corked) is null && Client.Connection.CanSendNow;

    /// <summary>Sends the CONNECT ack, then the replayed packets (recovery), then whatever was emitted to this socket in the meantime.</summary>
    internal void CompleteConnect()
    {
        lock (_sync)
        {
            Client.Send(SocketIOEncoder.EncodeConnect(Namespace.Name, Id, Pid));
            HashSet<string>? replayed = null;
            if (_replay is { Count: > 0 } replay)
            {
                replayed = new HashSet<string>(replay.Count, StringComparer.Ordinal);
                foreach (var packet in replay)
                {
                    if (replayed.Add(packet.Offset))
                    {
                        Client.Send(packet.Packet.Frame);
                    }
                }
            }

            _replay = null;
            foreach (var (frame, offset) in _corked ?? [])
            {
                if (offset is null || replayed is null || !replayed.Contains(offset))
                {
                    Client.Send(frame);
                }
            }

            // The node may still be delivering live packets the replay already sent (its stream reader was behind the
            // replay's read): those are dropped in Send until the first packet past the replay.
            System.Threading.Volatile.Write(ref _replayed, replayed);
            System.Threading.Volatile.Write(ref _corked, null);
        }

        string? deferred;
        lock (_stateLock)
        {
            _inConnectHandlers = false;
            deferred = _deferredClose;
        }

        if (deferred is not null)
        {
            OnClose(deferred);
        }
    }

    /// <summary>
    /// Every packet for this socket, direct or broadcast, goes through here; <paramref name="offset"/> is the
    /// recovery offset of a stored packet, <paramref name="fanOut"/> the broadcast that wakes this socket's sender.
    /// </summary>
    internal bool Send(in OutboundFrame frame, string? offset = null, BroadcastFanOut? fanOut = null)
    {
        if (System.Threading.Volatile.Read(ref _corked) is not null)
        {
            lock (_sync)
            {
                if (_corked is { } corked)
                {
                    corked.Add((frame, offset));
                    return true;
                }
            }
        }

        if (offset is not null && System.Threading.Volatile.Read(ref _replayed) is { } replayed)
        {
            if (replayed.Contains(offset))
            {
                return true;
            }

            // Live packets reach a socket in offset order (the adapter's contract), so none of the replay comes after this one.
            System.Threading.Volatile.Write(ref _replayed, null);
        }

        return Client.Send(frame, fanOut);
    }

    internal void SendAck(int id, object?[] args)
    {
        if (Connected)
        {
            Send(SocketIOEncoder.EncodeAck(Namespace.Name, id, args, SerializerOptions));
        }
    }

    /// <summary>Handles a packet for this namespace; false means a protocol violation.</summary>
    internal bool OnPacket(SocketIOPacket packet)
    {
        switch (packet.Type)
        {
            case SocketIOPacketType.Event:
            case SocketIOPacketType.BinaryEvent:
                return OnEvent(packet);
            case SocketIOPacketType.Ack:
            case SocketIOPacketType.BinaryAck:
                return OnAck(packet);
            case SocketIOPacketType.Disconnect:
                OnClose(DisconnectReason.ClientNamespaceDisconnect);
                return true;
            default:
                return false;
        }
    }

    internal void OnClose(string reason)
    {
        lock (_stateLock)
        {
            switch (_state)
            {
                case StateHandshaking:
                    System.Threading.Volatile.Write(ref _state, StateClosed);
                    _pendingRooms = null;
                    return;
                case StateClosed:
                    return;
            }

            if (_inConnectHandlers)
            {
                // The connection handlers are still registering their callbacks: disconnect right after them.
                _deferredClose ??= reason;
                return;
            }

            System.Threading.Volatile.Write(ref _state, StateClosed);
        }

        foreach (var handler in _disconnectingHandlers)
        {
            Server.Invoke(handler, reason, "disconnecting");
        }

        if (Pid is not null && DisconnectReason.IsRecoverable(reason))
        {
            // While the socket is still in its rooms: they are part of the session.
            try
            {
                Namespace.Adapter.PersistSession(new SocketSession(Id, Pid, [.. Namespace.Adapter.GetRooms(Id)], new Dictionary<string, object?>(Data, StringComparer.Ordinal)));
            }
            catch (Exception error)
            {
                Namespace.Logger.LogWarning(error, "Could not keep the session of socket {Id} for recovery", Id);
            }
        }

        Namespace.Remove(this);
        Client.RemoveSocket(this);

        List<TaskCompletionSource<SocketIOArgs>> pending;
        lock (_sync)
        {
            pending = _acks is null ? [] : [.. _acks.Values];
            _acks = null;
        }

        foreach (var ack in pending)
        {
            ack.TrySetException(new SocketDisconnectedException(reason));
        }

        foreach (var handler in _disconnectHandlers)
        {
            Server.Invoke(handler, reason, "disconnect");
        }
    }

    private bool OnEvent(SocketIOPacket packet)
    {
        var data = packet.Data!.Value;
        if (!PlaceholderResolver.TryResolve(data, 1, packet.Buffers, out var args))
        {
            return false;
        }

        var first = data[0];
        var name = first.ValueKind == JsonValueKind.String ? first.GetString()! : first.GetRawText();
        var e = new SocketIOEvent(this, name, new SocketIOArgs(args, SerializerOptions), packet.Id);

        Func<SocketIOEvent, Task>[]? handlers;
        Func<SocketIOEvent, Task>[] any;
        lock (_sync)
        {
            _handlers.TryGetValue(name, out handlers);
            any = _anyHandlers;
        }

        foreach (var handler in any)
        {
            Server.Invoke(handler, e, name);
        }

        if (handlers is not null)
        {
            foreach (var handler in handlers)
            {
                Server.Invoke(handler, e, name);
            }
        }

        return true;
    }

    private bool OnAck(SocketIOPacket packet)
    {
        if (packet.Id is not { } id)
        {
            return false;
        }

        if (!PlaceholderResolver.TryResolve(packet.Data!.Value, 0, packet.Buffers, out var args))
        {
            return false;
        }

        TaskCompletionSource<SocketIOArgs>? pending;
        lock (_sync)
        {
            pending = null;
            _acks?.Remove(id, out pending);
        }

        pending?.TrySetResult(new SocketIOArgs(args, SerializerOptions));
        return true;
    }

    private void RemoveAck(int id)
    {
        lock (_sync)
        {
            _acks?.Remove(id);
        }
    }
}
