using System.Diagnostics.Metrics;
using StackExchange.Redis;

namespace Switchboard.Operations;

/// <summary>
/// <c>switchboard.redis.connected</c>: 1 while this node's Redis connection is up, 0 while it is not (cluster mode
/// only). Losing Redis keeps REST working, so nothing else shows it: the alert on it is how anyone finds out.
/// </summary>
public sealed class RedisGauge : IDisposable
{
    private readonly Meter _meter;

    public RedisGauge(IMeterFactory meters, IConnectionMultiplexer redis)
    {
        _meter = meters.Create(Telemetry.Name);
        _meter.CreateObservableGauge("switchboard.redis.connected", () => redis.IsConnected ? 1 : 0, null,
            "1 while this node is connected to Redis, 0 while not");
    }

    public void Dispose() => _meter.Dispose();
}
