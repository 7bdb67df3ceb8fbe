using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Switchboard.SocketIO;
using Switchboard.SocketIO.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis adapters in dependency injection.</summary>
public static class RedisAdapterServiceCollectionExtensions
{
    /// <summary>
    /// Replaces the in-process adapter with <see cref="RedisAdapter"/>. Needs an <see cref="IConnectionMultiplexer"/>
    /// in DI (see <see cref="RedisConnection.ConnectAsync"/> for settings that fail fast). Order with
    /// <c>AddSocketIO</c> does not matter.
    /// </summary>
    public static IServiceCollection AddSocketIORedisAdapter(this IServiceCollection services, Action<RedisAdapterOptions>? configure = null)
    {
        var options = new RedisAdapterOptions();
        configure?.Invoke(options);
        services.Replace(ServiceDescriptor.Singleton<ISocketIOAdapterFactory>(sp => new RedisAdapterFactory(
            sp.GetRequiredService<IConnectionMultiplexer>(), options, sp.GetService<ILoggerFactory>())));
        return services;
    }

    /// <summary>
    /// Replaces the in-process adapter with <see cref="RedisStreamsAdapter"/> (Redis Streams, wire-compatible with
    /// Node's <c>@socket.io/redis-streams-adapter</c>; carries connection state recovery across nodes). Needs an
    /// <see cref="IConnectionMultiplexer"/> in DI.
    /// </summary>
    public static IServiceCollection AddSocketIORedisStreamsAdapter(this IServiceCollection services, Action<RedisStreamsAdapterOptions>? configure = null)
    {
        var options = new RedisStreamsAdapterOptions();
        configure?.Invoke(options);
        services.Replace(ServiceDescriptor.Singleton<ISocketIOAdapterFactory>(sp => new RedisStreamsAdapterFactory(
            sp.GetRequiredService<IConnectionMultiplexer>(), options, sp.GetService<ILoggerFactory>())));
        return services;
    }
}
