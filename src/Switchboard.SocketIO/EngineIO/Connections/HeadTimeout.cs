using System.IO.Pipelines;

namespace Switchboard.SocketIO.EngineIO.Connections;

/// <summary>Ends a wait for the rest of a request head after Kestrel's RequestHeadersTimeout, by cancelling the read.</summary>
internal sealed class HeadTimeout : IDisposable
{
    private readonly Lock _sync = new();
    private readonly ITimer _timer;
    private bool _done;

    public HeadTimeout(PipeReader input, TimeSpan after)
    {
        _timer = TimeProvider.System.CreateTimer(_ =>
        {
            lock (_sync)
            {
                if (!_done)
                {
                    Fired = true;
                    input.CancelPendingRead();
                }
            }
        }, null, after, Timeout.InfiniteTimeSpan);
    }

    public bool Fired { get; private set; }

    public void Dispose()
    {
        lock (_sync)
        {
            _done = true;
        }

        _timer.Dispose();
    }
}
