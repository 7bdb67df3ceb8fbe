namespace Switchboard.SocketIO.Tests.Support;

public static class Eventually
{
    /// <summary>
    /// Polls a condition until it holds, failing after the timeout (for effects observed on the server). The
    /// timeout only stops a broken test from hanging; it never decides what a passing test sees.
    /// </summary>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > limit)
            {
                throw new Shouldly.ShouldAssertException(because ?? "condition did not become true in time");
            }

            await Task.Delay(10);
        }
    }

    public static async Task<T> WithinAsync<T>(Task<T> task, TimeSpan? timeout = null) => await task.WaitAsync(timeout ?? TimeSpan.FromSeconds(5));
}
