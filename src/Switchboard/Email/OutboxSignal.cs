namespace Switchboard.Email;

/// <summary>
/// Wakes the dispatcher as soon as a request has committed a mail, so it need not wait for its next poll.
/// Several wakes before the dispatcher looks collapse into one.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Wake()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled and not yet consumed: one wake-up covers both.
        }
    }

    /// <summary>Returns when woken or after <paramref name="timeout"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancel) => _pending.WaitAsync(timeout, cancel);
}
