using Microsoft.Extensions.Logging.Console;
using StackExchange.Redis;
using Switchboard.SocketIO.Redis;

namespace Switchboard.Cluster;

/// <summary>
/// Single node or cluster, from configuration: without <c>Redis:Configuration</c> the in-process Socket.IO
/// adapter and presence serve one node; with it, the Redis adapter carries events to every node, presence
/// asks Redis before marking anyone offline, and /healthz reports Degraded while Redis is unreachable.
/// Work that must happen once (mail, plan limits, routing) is already serialized by PostgreSQL.
/// </summary>
public static class ClusterSetup
{
    public static IServiceCollection AddSwitchboardCluster(this IServiceCollection services, IConfiguration config)
    {
        var options = ClusterOptions.From(config);
        services.AddSingleton(options);
        services.AddSingleton<NodeIdentity>();
        services.AddSingleton<IStartupFilter>(sp => sp.GetRequiredService<NodeIdentity>());
        if (!options.Clustered) return services;

        // Connecting returns after at most the connect timeout, connected or not: a node starts without Redis.
        services.AddSingleton<IConnectionMultiplexer>(_ => RedisConnection.Connect(options.RedisConfiguration!));
        services.AddSocketIORedisAdapter(o => o.ChannelPrefix = $"{options.Prefix}.socket.io");
        services.AddSingleton<RedisPresence>();
        services.AddSingleton<IClusterPresence>(sp => sp.GetRequiredService<RedisPresence>());
        services.AddHostedService<NodeHeartbeat>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>(RedisHealthCheck.Name);
        // Requests log inside a "Node" scope; show scopes so each line says which node wrote it.
        services.Configure<SimpleConsoleFormatterOptions>(o => o.IncludeScopes = true);
        return services;
    }
}
