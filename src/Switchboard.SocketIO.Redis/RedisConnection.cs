using StackExchange.Redis;

namespace Switchboard.SocketIO.Redis;

/// <summary>
/// Connection settings for a backplane that must never hold up the requests it serves: the service starts
/// while Redis is down (<c>abortConnect=false</c>), reconnects in the background, and commands issued while
/// disconnected fail at once instead of queueing behind a timeout (<see cref="BacklogPolicy.FailFast"/>).
/// </summary>
public static class RedisConnection
{
    /// <summary>Parses a StackExchange.Redis configuration string and applies the settings the adapters rely on.</summary>
    public static ConfigurationOptions Options(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        // A dead Redis is noticed within seconds, not the default minute-scale timeouts.
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 2000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 2000);
        options.ReconnectRetryPolicy ??= new ExponentialRetry(250, 2000);
        return options;
    }

    /// <summary>Connects without waiting for Redis to be up; the multiplexer keeps retrying on its own.</summary>
    public static Task<ConnectionMultiplexer> ConnectAsync(string configuration, TextWriter? log = null) =>
        ConnectionMultiplexer.ConnectAsync(Options(configuration), log);

    /// <summary>The same, for composition roots that build services synchronously (once, at start).</summary>
    public static ConnectionMultiplexer Connect(string configuration, TextWriter? log = null) =>
        ConnectionMultiplexer.Connect(Options(configuration), log);
}
