using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using System.Threading.Tasks.Sources;

namespace Switchboard.SocketIO.EngineIO;

/// <summary>What <see cref="OutboundQueue.TryWrite"/> did with a frame.</summary>
internal enum EnqueueResult
{
    /// <summary>The queue is complete (the session is closing): the frame is dropped.</summary>
    Completed,

    /// <summary>The queue holds maxBufferedPackets frames already: the frame is dropped.</summary>
    Full,

    /// <summary>Queued; the sender is already awake (or will be woken by whoever claimed it).</summary>
    Queued,

    /// <summary>Queued, and the sender was idle: the caller claimed it and must call <see cref="OutboundQueue.Wake"/>.</summary>
    QueuedWakeClaimed,
}

/// <summary>
/// A session's send queue: a bounded FIFO with one reader (the transport's send loop), written to by anyone.
/// It replaces a bounded <see cref="Channel{T}"/> for one reason: a channel wakes its waiting reader with one
/// thread-pool item per write, so a broadcast to 10,000 idle sockets queued 10,000 work items (and as many
/// thread switches). Here a broadcaster can instead claim the wake-up of an idle sender
/// (<see cref="EnqueueResult.QueuedWakeClaimed"/>) and later wake a whole batch of senders from one work
/// item, their send loops running inline on it (<see cref="BroadcastFanOut"/>). Any other writer wakes the
/// sender on the thread pool, as the channel did, so an emitting handler never performs the send itself.
/// </summary>
internal sealed class OutboundQueue : ChannelReader<OutboundFrame>, IValueTaskSource<bool>
{
    private readonly Lock _sync = new();
    private readonly Queue<OutboundFrame> _items = new();
    private readonly int _capacity;
    private ManualResetValueTaskSourceCore<bool> _waiter;
    private CancellationTokenRegistration _cancellation;

    // A reader awaits _waiter (and nobody has completed it yet).
    private bool _waiting;

    // A broadcaster claimed the wake-up of the waiting reader: only it completes _waiter.
    private bool _wakeClaimed;
    private bool _completed;

    public OutboundQueue(int capacity) => _capacity = capacity;

    public override bool CanCount => true;

    public override bool CanPeek => true;

    public override int Count
    {
        get
        {
            lock (_sync)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>
    /// Queues a frame. With <paramref name="claimWake"/> (a broadcast) an idle reader is not woken here: the
    /// caller gets <see cref="EnqueueResult.QueuedWakeClaimed"/> and must call <see cref="Wake"/>.
    /// </summary>
    public EnqueueResult TryWrite(in OutboundFrame frame, bool claimWake)
    {
        lock (_sync)
        {
            if (_completed)
            {
                return EnqueueResult.Completed;
            }

            if (_items.Count >= _capacity)
            {
                return EnqueueResult.Full;
            }

            _items.Enqueue(frame);
            if (!_waiting || _wakeClaimed)
            {
                return EnqueueResult.Queued;
            }

            if (claimWake)
            {
                _wakeClaimed = true;
                return EnqueueResult.QueuedWakeClaimed;
            }

            _waiting = false;
        }

        CompleteWaiter(true, inline: false);
        return EnqueueResult.Queued;
    }

    /// <summary>Wakes the reader whose wake-up <see cref="TryWrite"/> handed to the caller; its continuation runs on this thread.</summary>
    public void Wake()
    {
        lock (_sync)
        {
            if (!_wakeClaimed)
            {
                return;
            }

            _wakeClaimed = false;
            _waiting = false;
        }

        CompleteWaiter(true, inline: true);
    }

    /// <summary>No more writes; the reader sees what is queued, then the end.</summary>
    public bool TryComplete()
    {
        bool hasItems;
        lock (_sync)
        {
            if (_completed)
            {
                return false;
            }

            _completed = true;
            if (!_waiting || _wakeClaimed)
            {
                return true;
            }

            _waiting = false;
            hasItems = _items.Count > 0;
        }

        CompleteWaiter(hasItems, inline: false);
        return true;
    }

    public override bool TryRead([MaybeNullWhen(false)] out OutboundFrame item)
    {
        lock (_sync)
        {
            return _items.TryDequeue(out item);
        }
    }

    public override bool TryPeek([MaybeNullWhen(false)] out OutboundFrame item)
    {
        lock (_sync)
        {
            return _items.TryPeek(out item);
        }
    }

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (_items.Count > 0)
            {
                return new ValueTask<bool>(true);
            }

            if (_completed)
            {
                return new ValueTask<bool>(false);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<bool>(cancellationToken);
            }

            if (_waiting)
            {
                throw new InvalidOperationException("The send queue has one reader at a time.");
            }

            _waiter.Reset();
            _waiting = true;
            if (cancellationToken.CanBeCanceled)
            {
                _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((OutboundQueue)state!).OnCancelled(token), this);
            }

            return new ValueTask<bool>(this, _waiter.Version);
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _waiter.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _waiter.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _waiter.OnCompleted(continuation, state, token, flags);

    private void OnCancelled(CancellationToken token)
    {
        lock (_sync)
        {
            // A claimed wake-up is on its way; it wins over the cancellation.
            if (!_waiting || _wakeClaimed)
            {
                return;
            }

            _waiting = false;
        }

        _cancellation = default;
        _waiter.RunContinuationsAsynchronously = true;
        _waiter.SetException(new OperationCanceledException(token));
    }

    private void CompleteWaiter(bool result, bool inline)
    {
        // Unregister only: Dispose would wait for a cancellation callback running on another thread.
        _cancellation.Unregister();
        _cancellation = default;
        _waiter.RunContinuationsAsynchronously = !inline;
        _waiter.SetResult(result);
    }
}
