using System.Buffers;

namespace Switchboard.SocketIO.EngineIO;

/// <summary>
/// The second half of a broadcast. The broadcaster queues the (once-encoded) frame into every recipient's send
/// queue itself, in order, so that per socket a broadcast stays ordered with everything emitted before and after
/// it; the senders it found idle are not woken one by one (one thread-pool item each, which at 10,000 recipients
/// was most of the cost) but collected here and woken <see cref="BatchSize"/> at a time by one work item, on which
/// their send loops run inline — Node's synchronous write loop over the room, spread over the pool's threads.
/// </summary>
internal sealed class BroadcastFanOut
{
    /// <summary>Senders woken per work item: large enough to amortise the hand-off, small enough to spread a room over the cores.</summary>
    internal const int BatchSize = 64;

    private OutboundQueue[] _idle = [];
    private int _count;
    private int _batchesLeft;

    /// <summary>An idle sender whose wake-up the broadcaster claimed.</summary>
    internal void Add(OutboundQueue queue)
    {
        if (_count == _idle.Length)
        {
            var bigger = ArrayPool<OutboundQueue>.Shared.Rent(Math.Max(BatchSize, _count * 2));
            _idle.AsSpan(0, _count).CopyTo(bigger);
            Release();
            _idle = bigger;
        }

        _idle[_count++] = queue;
    }

    /// <summary>Hands the claimed wake-ups to the thread pool; every one of them is woken exactly once.</summary>
    internal void Dispatch()
    {
        if (_count == 0)
        {
            Release();
            return;
        }

        var batches = (_count + BatchSize - 1) / BatchSize;
        _batchesLeft = batches;
        for (var batch = 0; batch < batches; batch++)
        {
            // Global queue (preferLocal: false): idle pool threads take the other batches at once.
            ThreadPool.UnsafeQueueUserWorkItem(static state => state.FanOut.WakeBatch(state.Start), (FanOut: this, Start: batch * BatchSize), preferLocal: false);
        }
    }

    private void WakeBatch(int start)
    {
        var end = Math.Min(start + BatchSize, _count);
        for (var i = start; i < end; i++)
        {
            // Runs the sender's loop until it waits again: its writes complete synchronously unless the socket pushes back.
            _idle[i].Wake();
        }

        if (Interlocked.Decrement(ref _batchesLeft) == 0)
        {
            Release();
        }
    }

    private void Release()
    {
        if (_idle.Length > 0)
        {
            Array.Clear(_idle, 0, _count);
            ArrayPool<OutboundQueue>.Shared.Return(_idle);
            _idle = [];
        }
    }
}
