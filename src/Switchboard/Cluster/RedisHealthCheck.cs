using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Switchboard.Cluster;

/// <summary>
/// Redis carries realtime events between nodes and nothing else, so losing it degrades the node (REST and
/// this node's own sockets keep working) rather than making it unhealthy: /healthz still answers 200, with
/// the body "Degraded", and a load balancer keeps sending traffic. Every node sees the same Redis, so
/// taking nodes out of rotation for it would only turn a degraded service into an outage.
/// </summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public const string Name = "redis";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(redis.IsConnected
            ? HealthCheckResult.Healthy("Redis reachable")
            : HealthCheckResult.Degraded("Redis unreachable: realtime events reach this node's sockets only"));
}
