namespace Switchboard.SocketIO;

/// <summary>
/// An immutable selection of sockets (rooms, exceptions, local flag), like Node's BroadcastOperator:
/// <c>io.To("a").Except("b").EmitAsync("news", 1)</c>. Every operation goes through the namespace's adapter.
/// </summary>
public sealed class BroadcastOperator
{
    private readonly Namespace _namespace;
    private readonly HashSet<string> _rooms;
    private readonly HashSet<string> _except;
    private readonly bool _local;
    private readonly TimeSpan? _timeout;
    private readonly bool _volatile;

    internal BroadcastOperator(Namespace nsp, HashSet<string>? rooms = null, HashSet<string>? except = null, bool local = false, TimeSpan? timeout = null, bool isVolatile = false)
    {
        _namespace = nsp;
        _rooms = rooms ?? new HashSet<string>(StringComparer.Ordinal);
        _except = except ?? new HashSet<string>(StringComparer.Ordinal);
        _local = local;
        _timeout = timeout;
        _volatile = isVolatile;
    }

    /// <summary>Targets the sockets in this room (in addition to rooms already targeted).</summary>
    public BroadcastOperator To(string room) => To([room]);

    /// <summary>Targets the sockets in these rooms (in addition to rooms already targeted).</summary>
    public BroadcastOperator To(IEnumerable<string> rooms) => new(_namespace, With(_rooms, rooms), _except, _local, _timeout, _volatile);

    /// <summary>Same as <see cref="To(string)"/>.</summary>
    public BroadcastOperator In(string room) => To(room);

    /// <summary>Same as <see cref="To(IEnumerable{string})"/>.</summary>
    public BroadcastOperator In(IEnumerable<string> rooms) => To(rooms);

    /// <summary>Leaves out the sockets in this room.</summary>
    public BroadcastOperator Except(string room) => Except([room]);

    /// <summary>Leaves out the sockets in these rooms.</summary>
    public BroadcastOperator Except(IEnumerable<string> rooms) => new(_namespace, _rooms, With(_except, rooms), _local, _timeout, _volatile);

    /// <summary>Restricts the operation to this node (a distributed adapter will not publish it).</summary>
    public BroadcastOperator Local => new(_namespace, _rooms, _except, true, _timeout, _volatile);

    /// <summary>
    /// Lets the packet be lost where a connection cannot take it at once, and keeps it out of connection state
    /// recovery (Node: <c>io.volatile.emit</c>): for values that the next one replaces (a typing indicator, a
    /// position). See <see cref="BroadcastOptions.Volatile"/>.
    /// </summary>
    public BroadcastOperator Volatile => new(_namespace, _rooms, _except, _local, _timeout, true);

    /// <summary>
    /// How long <see cref="EmitWithAckAsync"/> waits for the sockets' acknowledgements (Node: <c>io.timeout(ms)</c>);
    /// without it, <see cref="SocketIOOptions.AckTimeout"/>, else until every socket answered or disconnected.
    /// </summary>
    public BroadcastOperator Timeout(TimeSpan timeout) => new(_namespace, _rooms, _except, _local, timeout, _volatile);

    internal BroadcastOptions Options => new(_rooms, _except, _local) { Volatile = _volatile };

    /// <summary>Encodes the event once and hands it to the adapter.</summary>
    public ValueTask EmitAsync(string eventName, params object?[] args)
    {
        Socket.EnsureNotReserved(eventName);
        var frame = SocketIOEncoder.EncodeEvent(_namespace.Name, eventName, args, null, _namespace.Server.Options.SerializerOptions);
        return _namespace.Adapter.PublishAsync(AdapterOperation.Broadcast(new EncodedPacket(frame), Options));
    }

    /// <summary>
    /// Sends the event to every matching socket with an acknowledgement and returns their answers in the order
    /// they arrived (Node: <c>io.to(room).timeout(ms).emitWithAck(...)</c>) — on every node of a cluster unless
    /// <see cref="Local"/>. When a socket has not answered within the timeout (or disconnected first), or another
    /// node did not say how many sockets it reached, fails with <see cref="BroadcastAckTimeoutException"/>, which
    /// carries the answers that did arrive. No matching socket anywhere: an empty list.
    /// </summary>
    /// <remarks>
    /// An answer from another node carries its first argument only (Node's cluster adapters carry no more), and
    /// binary arguments are not sent to other nodes' sockets with an acknowledgement.
    /// </remarks>
    public async Task<IReadOnlyList<SocketIOArgs>> EmitWithAckAsync(string eventName, params object?[] args)
    {
        Socket.EnsureNotReserved(eventName);
        var server = _namespace.Server;
        var timeout = _timeout ?? server.Options.AckTimeout ?? System.Threading.Timeout.InfiniteTimeSpan;
        var answers = new System.Collections.Concurrent.ConcurrentQueue<SocketIOArgs>();
        using var done = new CancellationTokenSource();
        var others = new OtherNodes(answers, server.Options.SerializerOptions);
        if (!_local)
        {
            var eventData = System.Text.Json.JsonSerializer.SerializeToElement<object?[]>([eventName, .. args], server.Options.SerializerOptions);
            others.Asked(await _namespace.Adapter.BroadcastWithAckToOthersAsync(eventData, Options, timeout, others.OnNodeCount, others.OnAnswer, done.Token).ConfigureAwait(false));
        }
        else
        {
            others.Asked(0);
        }

        var sockets = await _namespace.Adapter.FetchSocketsAsync(Options).ConfigureAwait(false);
        var waits = new List<Task<bool>>(sockets.Count + 1);
        if (sockets.Count > 0)
        {
            // One encoding for every socket, as Node does: the ack id comes from the namespace, not the socket.
            var id = _namespace.NextBroadcastAckId();
            var frame = SocketIOEncoder.EncodeEvent(_namespace.Name, eventName, args, id, server.Options.SerializerOptions);
            var fanOut = new EngineIO.BroadcastFanOut();
            try
            {
                foreach (var socket in sockets)
                {
                    var sent = socket.SendWithAck(id, frame, fanOut, out var idTaken);
                    if (idTaken)
                    {
                        sent = socket.SendWithAck(eventName, args);
                    }

                    waits.Add(AwaitAnswerAsync(socket, sent, timeout, server.Time, answers));
                }
            }
            finally
            {
                fanOut.Dispatch();
            }
        }

        waits.Add(others.AllAnsweredAsync(timeout, server.Time));
        var answered = await Task.WhenAll(waits).ConfigureAwait(false);
        done.Cancel();
        return answered.All(ok => ok)
            ? [.. answers]
            : throw new BroadcastAckTimeoutException(eventName, timeout, [.. answers], sockets.Count + others.Expected);
    }

    /// <summary>What the other nodes of a cluster said: how many sockets each reached, and the answers so far.</summary>
    private sealed class OtherNodes(System.Collections.Concurrent.ConcurrentQueue<SocketIOArgs> answers, System.Text.Json.JsonSerializerOptions options)
    {
        private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _sync = new();
        private int _nodes = -1;
        private int _counted;
        private int _expected;
        private int _answered;

        public int Expected
        {
            get
            {
                lock (_sync)
                {
                    return _expected;
                }
            }
        }

        public void Asked(int nodes)
        {
            lock (_sync)
            {
                _nodes = nodes;
                Check();
            }
        }

        public void OnNodeCount(int sockets)
        {
            lock (_sync)
            {
                _counted++;
                _expected += sockets;
                Check();
            }
        }

        public void OnAnswer(System.Text.Json.JsonElement answer)
        {
            answers.Enqueue(new SocketIOArgs([answer], options));
            lock (_sync)
            {
                _answered++;
                Check();
            }
        }

        public async Task<bool> AllAnsweredAsync(TimeSpan timeout, TimeProvider time)
        {
            try
            {
                await _complete.Task.WaitAsync(timeout, time).ConfigureAwait(false);
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }

        private void Check()
        {
            if (_nodes >= 0 && _counted >= _nodes && _answered >= _expected)
            {
                _complete.TrySetResult();
            }
        }
    }

    private static async Task<bool> AwaitAnswerAsync(Socket socket, (int Id, Task<SocketIOArgs> Answer)? pending, TimeSpan timeout, TimeProvider time, System.Collections.Concurrent.ConcurrentQueue<SocketIOArgs> answers)
    {
        if (pending is not { } sent)
        {
            return false;
        }

        try
        {
            answers.Enqueue(await sent.Answer.WaitAsync(timeout, time).ConfigureAwait(false));
            return true;
        }
        catch (Exception error) when (error is TimeoutException or SocketDisconnectedException)
        {
            socket.ForgetAck(sent.Id);
            return false;
        }
    }

    /// <summary>Makes the matching sockets join the rooms.</summary>
    public ValueTask SocketsJoinAsync(params string[] rooms) => _namespace.Adapter.PublishAsync(AdapterOperation.AddRooms(Options, rooms));

    /// <summary>Makes the matching sockets leave the rooms.</summary>
    public ValueTask SocketsLeaveAsync(params string[] rooms) => _namespace.Adapter.PublishAsync(AdapterOperation.RemoveRooms(Options, rooms));

    /// <summary>Disconnects the matching sockets; with <paramref name="close"/> their whole connection is closed.</summary>
    public ValueTask DisconnectSocketsAsync(bool close = false) => _namespace.Adapter.PublishAsync(AdapterOperation.DisconnectSockets(Options, close));

    /// <summary>
    /// The matching sockets of every node of the cluster (Node: fetchSockets with a cluster adapter), waiting
    /// up to <paramref name="timeout"/> (default 5 s) for the other nodes' answers.
    /// </summary>
    public ValueTask<IReadOnlyList<RemoteSocket>> FetchClusterSocketsAsync(TimeSpan? timeout = null) =>
        _namespace.Adapter.FetchClusterSocketsAsync(Options, timeout ?? TimeSpan.FromSeconds(5));

    /// <summary>The matching sockets of this node.</summary>
    public ValueTask<IReadOnlyList<Socket>> FetchSocketsAsync() => _namespace.Adapter.FetchSocketsAsync(Options);

    private static HashSet<string> With(HashSet<string> current, IEnumerable<string> more)
    {
        var copy = new HashSet<string>(current, StringComparer.Ordinal);
        copy.UnionWith(more);
        return copy;
    }
}
