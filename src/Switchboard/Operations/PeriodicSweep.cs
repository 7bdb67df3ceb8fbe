namespace Switchboard.Operations;

/// <summary>
/// Work that runs as time passes rather than on a request (invite expiry, silent assignments, offer lapses, the
/// routing clock): one pass every <see cref="Interval"/> on the app's <see cref="TimeProvider"/>, so tests move a
/// fake clock instead of waiting. A pass that fails is logged and the next tick tries again; the node keeps serving.
/// Each pass must be idempotent, since every node of a cluster runs it.
/// </summary>
public abstract class PeriodicSweep(TimeProvider time, ILogger log) : BackgroundService
{
    /// <summary>The app's clock (a fake one in tests).</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>How long between passes (read once, at start).</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>One pass; also called by tests.</summary>
    protected abstract Task RunOnceAsync();

    protected sealed override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Interval, Time);
        while (await timer.WaitForNextTickAsync(stopping))
        {
            try
            {
                await RunOnceAsync();
            }
            catch (Exception error) when (!stopping.IsCancellationRequested)
            {
                log.LogWarning(error, "{Sweep} failed; retrying next tick", GetType().Name);
            }
        }
    }
}
