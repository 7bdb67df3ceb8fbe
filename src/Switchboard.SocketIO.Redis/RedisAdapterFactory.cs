using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Switchboard.SocketIO.Redis;

/// <summary>Creates a <see cref="RedisAdapter"/> per namespace over one shared Redis connection.</summary>
public sealed class RedisAdapterFactory : ISocketIOAdapterFactory
{
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisAdapterOptions _options;
    private readonly ILogger _log;

    /// <summary>Creates the factory over a Redis connection.</summary>
    public RedisAdapterFactory(IConnectionMultiplexer redis, RedisAdapterOptions options, ILoggerFactory? loggers = null)
    {
        _redis = redis;
        _options = options;
        _log = (ILogger?)loggers?.CreateLogger<RedisAdapter>() ?? NullLogger.Instance;
        // Said once per outage, not once per dropped message.
        redis.ConnectionFailed += (_, e) => _log.LogWarning(
            "Redis connection lost ({Failure}, {ConnectionType}): Socket.IO operations reach this server's sockets only until it returns",
            e.FailureType, e.ConnectionType);
        redis.ConnectionRestored += (_, e) => _log.LogInformation(
            "Redis connection restored ({ConnectionType}): Socket.IO operations reach every server again", e.ConnectionType);
    }

    /// <inheritdoc/>
    public ISocketIOAdapter Create(Namespace nsp) => _options.NodeCompatible
        ? new NodeRedisAdapter(nsp, _redis, _options, _log)
        : new RedisAdapter(nsp, _redis, _options, _log);
}
