using Microsoft.Extensions.Logging.Console;
using StackExchange.Redis;
using Switchboard.SocketIO.Redis;

namespace Switchboard.Cluster;

/// <summary>
/// Single node or cluster, from configuration: without <c>Redis:Configuration</c> the in-process Socket.IO
/// adapter and presence serve one node; with it, the Redis Streams adapter carries events (and recovery sessions) to every node, presence
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
        // Redis Streams rather than pub/sub: the stream keeps what was sent, so a client whose node died is
        // recovered on another node with every event it missed, and a node that lost Redis for a moment reads on
        // from where it stopped; pub/sub forgets both (see src/Switchboard.SocketIO.Redis/README.md).
        services.AddSocketIORedisStreamsAdapter(o =>
        {
            o.StreamName = $"{options.Prefix}.socket.io";
            o.ChannelPrefix = $"{options.Prefix}.socket.io";
            o.SessionKeyPrefix = $"{options.Prefix}:sio:session:";
        });
        services.AddSingleton<RedisPresence>();
        services.AddSingleton<IClusterPresence>(sp => sp.GetRequiredService<RedisPresence>());
        services.AddHostedService<NodeHeartbeat>();
        services.AddSingleton<ClusterTokenRevocation>();
        services.AddSingleton<Switchboard.Auth.ITokenRevocationPeers>(sp => sp.GetRequiredService<ClusterTokenRevocation>());
        services.AddHostedService(sp => sp.GetRequiredService<ClusterTokenRevocation>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>(RedisHealthCheck.Name);
        // Requests log inside a "Node" scope; show scopes so each line says which node wrote it.
        services.Configure<SimpleConsoleFormatterOptions>(o => o.IncludeScopes = true);
        return services;
    }
}
