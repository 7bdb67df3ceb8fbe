namespace Switchboard.SocketIO.Tests.Support;

public static class Eventually
{
    /// <summary>Polls a condition until it holds, failing after the timeout (for effects observed on the server).</summary>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Shouldly.ShouldAssertException(because ?? "condition did not become true in time");
            }

            await Task.Delay(10);
        }
    }

    public static async Task<T> WithinAsync<T>(Task<T> task, TimeSpan? timeout = null) => await task.WaitAsync(timeout ?? TimeSpan.FromSeconds(5));
}
