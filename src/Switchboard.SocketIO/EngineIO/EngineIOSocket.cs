using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Switchboard.SocketIO.EngineIO;

/// <summary>
/// One Engine.IO session. It outlives the transports that carry it (a polling session can move to
/// a WebSocket), so it owns the send queue, the heartbeat and the close logic.
/// </summary>
public sealed class EngineIOSocket
{
    private const int StateOpen = 0;
    private const int StateClosing = 1;
    private const int StateClosed = 2;

    private readonly EngineIOServer _server;
    private readonly OutboundQueue _queue;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _handlersLock = new();
    private readonly Lock _heartbeatLock = new();
    private Func<EngineIOMessage, ValueTask>? _onMessage;
    private List<Action<string>>? _onClose;

    // The WebSocket carrying the session, aborted (after a grace period for the close frame) once it finishes.
    private System.Net.WebSockets.WebSocket? _abortOnFinish;

    // The heartbeat: one timer on the server's TimeProvider, due either at the next ping or at the pong
    // deadline. Times are TimeProvider timestamps (GetTimestamp), so a fake clock drives all of it.
    private ITimer? _heartbeat;
    private bool _awaitingPong;
    private long _pingDue;
    private long _lastPacketTicks;
    private long _pingSentAt;
    private long _pongDeadline;
    private int _state;
    private string? _closeReason;
    private volatile string _transport;
    private volatile bool _upgrading;
    private volatile bool _upgraded;
    private volatile bool _clientInitiatedClose;
    private volatile bool _payloadTooLarge;

    internal int PollActive;
    internal int PostActive;
    internal CancellationTokenSource? CurrentPoll;

    /// <summary>
    /// True while a long-poll GET is held open waiting for packets: what tests wait on (instead of sleeping)
    /// before they act on a parked poll.
    /// </summary>
    internal volatile bool PollWaiting;

    internal EngineIOSocket(string id, EngineIOServer server, EngineIORequestInfo request, string transport)
    {
        Id = id;
        _server = server;
        Request = request;
        _transport = transport;
        _queue = new OutboundQueue(Math.Max(2, server.Options.MaxBufferedPackets));
        _lastPacketTicks = server.Time.GetTimestamp();
    }

    /// <summary>The session id (the "sid" query parameter).</summary>
    public string Id { get; }

    /// <summary>"polling" or "websocket".</summary>
    public string Transport => _transport;

    /// <summary>What the handshake request carried.</summary>
    public EngineIORequestInfo Request { get; }

    /// <summary>Whether the session is open (not yet closed).</summary>
    public bool IsOpen => Volatile.Read(ref _state) == StateOpen;

    /// <summary>Why the session closed, once it has.</summary>
    public string? CloseReason => _closeReason;

    /// <summary>Cancelled when the session is closed.</summary>
    public CancellationToken Closed => _lifetime.Token;

    internal EngineIOOptions Options => _server.Options;

    internal ILogger Logger => _server.Logger;

    internal ChannelReader<OutboundFrame> Reader => _queue;

    /// <summary>Held by whoever drains the queue: one poll at a time, then the WebSocket for good.</summary>
    internal SemaphoreSlim ReaderGate { get; } = new(1, 1);

    internal bool IsClosed => Volatile.Read(ref _state) == StateClosed;

    internal bool Upgrading => _upgrading;

    internal bool Upgraded => _upgraded;

    internal bool ClientInitiatedClose => _clientInitiatedClose;

    /// <summary>The per-address limit key the session counts against (null: exempt).</summary>
    internal string? LimitKey { get; init; }

    /// <summary>Closed because the client sent more than maxPayload: polling answers 413, WebSocket closes with 1009.</summary>
    internal bool PayloadTooLarge => _payloadTooLarge;

    /// <summary>Sets the handler for incoming messages; it is awaited, so messages are handled in order.</summary>
    public void OnMessage(Func<EngineIOMessage, ValueTask> handler) => _onMessage = handler;

    /// <summary>Registers a callback that receives the close reason; runs at once if already closed.</summary>
    public void OnClose(Action<string> handler)
    {
        lock (_handlersLock)
        {
            if (!IsClosed)
            {
                (_onClose ??= []).Add(handler);
                return;
            }
        }

        handler(_closeReason ?? EngineIOCloseReason.TransportClose);
    }

    /// <summary>Queues a text message. Never waits: a full queue closes the session.</summary>
    public ValueTask SendAsync(string text)
    {
        TrySend(OutboundFrame.Text(EngineIOPacketType.Message, text));
        return ValueTask.CompletedTask;
    }

    /// <summary>Queues a binary message (base64 on polling, a binary frame on WebSocket).</summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> data)
    {
        TrySend(OutboundFrame.Binary(data.Span));
        return ValueTask.CompletedTask;
    }

    /// <summary>Closes the session after the packets already queued have been delivered.</summary>
    public void Close() => Close(EngineIOCloseReason.ForcedClose, flush: true);

    /// <summary>
    /// Whether a packet sent now leaves at once (Node: <c>transport.writable</c>), for volatile packets: open, nothing
    /// waiting in the send queue, and for long-polling a GET held open to carry it.
    /// </summary>
    internal bool CanSendNow =>
        Volatile.Read(ref _state) == StateOpen && _queue.Count == 0 && (_transport == "websocket" || PollWaiting);

    internal bool TrySend(in OutboundFrame frame) => TrySend(frame, null);

    /// <summary>
    /// Queues a frame; with a <paramref name="fanOut"/> (a broadcast) an idle sender is not woken here but handed
    /// to the fan-out, which wakes senders in batches once every recipient has the frame queued.
    /// </summary>
    internal bool TrySend(in OutboundFrame frame, BroadcastFanOut? fanOut)
    {
        if (Volatile.Read(ref _state) != StateOpen)
        {
            return false;
        }

        switch (_queue.TryWrite(frame, claimWake: fanOut is not null))
        {
            case EnqueueResult.Queued:
                return true;
            case EnqueueResult.QueuedWakeClaimed:
                fanOut!.Add(_queue);
                return true;
            case EnqueueResult.Completed:
                return false;
        }

        // A client that cannot keep up is dropped rather than allowed to stall the sender.
        Logger.LogDebug("Send queue of session {Sid} is full; closing it", Id);
        Finish(EngineIOCloseReason.TransportError);
        return false;
    }

    internal void Close(string reason, bool flush)
    {
        if (!flush)
        {
            Finish(reason);
            return;
        }

        if (Interlocked.CompareExchange(ref _state, StateClosing, StateOpen) != StateOpen)
        {
            return;
        }

        _closeReason = reason;
        if (_queue.TryWrite(OutboundFrame.Close, claimWake: false) != EnqueueResult.Queued)
        {
            Finish(reason);
            return;
        }

        _queue.TryComplete();
        if (_transport == "polling")
        {
            // Nobody may poll again; do not keep the session forever.
            _ = FinishLaterAsync(reason);
        }
    }

    /// <summary>Closes at once, discarding what is still queued.</summary>
    internal void Finish(string reason)
    {
        lock (_handlersLock)
        {
            if (Volatile.Read(ref _state) == StateClosed)
            {
                return;
            }

            Volatile.Write(ref _state, StateClosed);
            _closeReason ??= reason;
        }

        _queue.TryComplete();
        _server.Remove(this);
        ITimer? heartbeat;
        lock (_heartbeatLock)
        {
            heartbeat = _heartbeat;
            _heartbeat = null;
        }

        heartbeat?.Dispose();
        try
        {
            _lifetime.Cancel();
        }
        catch (AggregateException ex)
        {
            Logger.LogDebug(ex, "Error while cancelling session {Sid}", Id);
        }

        if (Interlocked.Exchange(ref _abortOnFinish, null) is { } webSocket)
        {
            _ = Transports.WebSocketConnection.AbortAfterGraceAsync(webSocket);
        }

        List<Action<string>>? handlers;
        lock (_handlersLock)
        {
            handlers = _onClose;
            _onClose = null;
        }

        if (handlers is null)
        {
            return;
        }

        foreach (var handler in handlers)
        {
            try
            {
                handler(_closeReason);
            }
            catch (Exception ex)
            {
                Logger.LogError(ex, "Close handler of session {Sid} failed", Id);
            }
        }
    }

    /// <summary>
    /// Aborts <paramref name="webSocket"/>, after a grace period for the close handshake, when the session finishes
    /// (at once if it already has): what a registration on <see cref="Closed"/> did, without one per connection.
    /// </summary>
    internal void AbortOnFinish(System.Net.WebSockets.WebSocket webSocket)
    {
        Volatile.Write(ref _abortOnFinish, webSocket);
        // Finish sets the state before it takes the field: seen closed here means it may have missed it.
        if (IsClosed && Interlocked.Exchange(ref _abortOnFinish, null) is { } missed)
        {
            _ = Transports.WebSocketConnection.AbortAfterGraceAsync(missed);
        }
    }

    /// <summary>Closes at once because the client sent more than maxPayload ("transport error", as Node reports it).</summary>
    internal void FinishTooLarge()
    {
        if (!IsClosed)
        {
            _payloadTooLarge = true;
        }

        Finish(EngineIOCloseReason.TransportError);
    }

    internal void ClientClose()
    {
        _clientInitiatedClose = true;
        Finish(EngineIOCloseReason.TransportClose);
    }

    internal ValueTask OnPacketAsync(in EngineIOPacket packet)
    {
        if (Volatile.Read(ref _state) != StateOpen)
        {
            return ValueTask.CompletedTask;
        }

        Volatile.Write(ref _lastPacketTicks, Now);
        switch (packet.Type)
        {
            case EngineIOPacketType.Pong:
                OnPong();
                return ValueTask.CompletedTask;
            case EngineIOPacketType.Ping:
                // In v4 only the server pings; a client ping outside an upgrade probe is a protocol error.
                Finish(EngineIOCloseReason.TransportError);
                return ValueTask.CompletedTask;
            case EngineIOPacketType.Close:
                ClientClose();
                return ValueTask.CompletedTask;
            case EngineIOPacketType.Message:
                return DispatchAsync(new EngineIOMessage(packet.Text, packet.Binary));
            default:
                return ValueTask.CompletedTask;
        }
    }

    /// <summary>Arms the heartbeat: the first ping is due one ping interval from now.</summary>
    internal void Start()
    {
        ITimer timer;
        if (ExecutionContext.IsFlowSuppressed())
        {
            timer = CreateHeartbeatTimer();
        }
        else
        {
            // The handshake request's context has no business in the session's timer callbacks.
            using (ExecutionContext.SuppressFlow())
            {
                timer = CreateHeartbeatTimer();
            }
        }

        lock (_heartbeatLock)
        {
            if (!IsClosed)
            {
                _heartbeat = timer;
                _pingDue = Now + ToTicks(Options.PingInterval);
                timer.Change(Options.PingInterval, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        timer.Dispose();
    }

    /// <summary>
    /// Closes the session if its pong is overdue. Called when a request arrives, so that the outcome
    /// does not depend on how late the heartbeat timer fires.
    /// </summary>
    internal bool ExpireIfPongOverdue()
    {
        var deadline = Volatile.Read(ref _pongDeadline);
        if (deadline == 0 || !IsOpen)
        {
            return false;
        }

        var last = Volatile.Read(ref _lastPacketTicks);
        if (last > Volatile.Read(ref _pingSentAt))
        {
            deadline = Math.Max(deadline, last + ToTicks(Options.PingTimeout));
        }

        if (Now < deadline)
        {
            return false;
        }

        Finish(EngineIOCloseReason.PingTimeout);
        return true;
    }

    internal void BeginUpgrade()
    {
        _upgrading = true;
        CancelCurrentPoll();
    }

    internal void AbortUpgrade() => _upgrading = false;

    internal void CompleteUpgrade()
    {
        _transport = "websocket";
        _upgraded = true;
        _upgrading = false;
        CancelCurrentPoll();
    }

    private void CancelCurrentPoll()
    {
        try
        {
            Volatile.Read(ref CurrentPoll)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The poll ended in the meantime.
        }
    }

    private async ValueTask DispatchAsync(EngineIOMessage message)
    {
        var handler = _onMessage;
        if (handler is null)
        {
            return;
        }

        try
        {
            await handler(message).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Message handler of session {Sid} failed", Id);
        }
    }

    private async Task FinishLaterAsync(string reason)
    {
        try
        {
            await Task.Delay(Options.CloseTimeout, _server.Time, _lifetime.Token).ConfigureAwait(false);
            Finish(reason);
        }
        catch (OperationCanceledException)
        {
            // Finished normally.
        }
    }

    private long Now => _server.Time.GetTimestamp();

    private long ToTicks(TimeSpan span) => (long)(span.Ticks * ((double)_server.Time.TimestampFrequency / TimeSpan.TicksPerSecond));

    private TimeSpan ToSpan(long ticks) => _server.Time.GetElapsedTime(0, ticks);

    private ITimer CreateHeartbeatTimer() =>
        _server.Time.CreateTimer(static state => ((EngineIOSocket)state!).OnHeartbeatTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    /// <summary>The heartbeat timer fired: time to ping, or the pong deadline has come.</summary>
    private void OnHeartbeatTimer()
    {
        var ping = false;
        var expired = false;
        lock (_heartbeatLock)
        {
            if (_heartbeat is not { } timer || IsClosed)
            {
                return;
            }

            var now = Now;
            var timeout = ToTicks(Options.PingTimeout);
            if (!_awaitingPong)
            {
                if (!IsOpen)
                {
                    // Closing: no more pings (the close itself finishes the session).
                    return;
                }

                // Anchored to the schedule, not to when the timer fired, so a late timer does not let a
                // dead client live past pingInterval + pingTimeout; but a ping sent very late (starved
                // thread pool) still leaves the client half the timeout to answer.
                var deadline = Math.Max(_pingDue + timeout, now + timeout / 2);
                _awaitingPong = true;
                Volatile.Write(ref _pingSentAt, now);
                Volatile.Write(ref _pongDeadline, deadline);
                timer.Change(ToSpan(deadline - now), Timeout.InfiniteTimeSpan);
                ping = true;
            }
            else
            {
                var deadline = Volatile.Read(ref _pongDeadline);
                var last = Volatile.Read(ref _lastPacketTicks);
                if (now < deadline)
                {
                    // Fired a little early.
                    timer.Change(ToSpan(deadline - now), Timeout.InfiniteTimeSpan);
                }
                else if (last > Volatile.Read(ref _pingSentAt) && last + timeout > now)
                {
                    // Any packet is a sign of life: a pong stuck behind other traffic must not kill a busy client.
                    deadline = last + timeout;
                    Volatile.Write(ref _pongDeadline, deadline);
                    timer.Change(ToSpan(deadline - now), Timeout.InfiniteTimeSpan);
                }
                else
                {
                    expired = true;
                }
            }
        }

        if (ping)
        {
            TrySend(OutboundFrame.Ping);
        }
        else if (expired)
        {
            Finish(EngineIOCloseReason.PingTimeout);
        }
    }

    /// <summary>The pong arrived: the next ping is due one ping interval from now.</summary>
    private void OnPong()
    {
        lock (_heartbeatLock)
        {
            Volatile.Write(ref _pongDeadline, 0);
            if (!_awaitingPong || _heartbeat is not { } timer)
            {
                return;
            }

            _awaitingPong = false;
            _pingDue = Now + ToTicks(Options.PingInterval);
            timer.Change(Options.PingInterval, Timeout.InfiniteTimeSpan);
        }
    }
}
