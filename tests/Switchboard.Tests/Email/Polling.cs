using System.Diagnostics;

namespace Switchboard.Tests.Email;

/// <summary>
/// Waits, boundedly, for something a background service does (the dispatcher, presence, the sweep). The bound
/// only stops a broken test from hanging; a passing test never depends on it.
/// </summary>
public static class Polling
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var started = Stopwatch.GetTimestamp();
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(started) > limit) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until <paramref name="probe"/> finds something, and returns it.</summary>
    public static async Task<T> ForAsync<T>(Func<T?> probe, string what, TimeSpan? timeout = null) where T : class
    {
        T? found = null;
        await UntilAsync(() => Task.FromResult((found = probe()) is not null), what, timeout);
        return found!;
    }
}
