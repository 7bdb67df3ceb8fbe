namespace Switchboard.Cluster;

/// <summary>How this node finds the others. Without <see cref="RedisConfiguration"/> it runs alone.</summary>
public sealed class ClusterOptions
{
    /// <summary><c>Redis:Configuration</c>: a StackExchange.Redis configuration string such as <c>10.0.0.5:6379,password=…</c>.</summary>
    public string? RedisConfiguration { get; init; }

    /// <summary><c>Redis:ChannelPrefix</c>: keys and channels start with it; nodes of one deployment share it.</summary>
    public string Prefix { get; init; } = "switchboard";

    /// <summary><c>Cluster:NodeId</c>: this node's name in logs and Redis presence; host name and process id by default.</summary>
    public string NodeId { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>
    /// <c>Cluster:NodeId</c> as configured, or null: the only name sent to clients (the X-Switchboard-Node header),
    /// so the default host name and process id never leave the node.
    /// </summary>
    public string? PublicNodeId { get; init; }

    public bool Clustered => !string.IsNullOrWhiteSpace(RedisConfiguration);

    public static ClusterOptions From(IConfiguration config) => new()
    {
        RedisConfiguration = config["Redis:Configuration"],
        Prefix = config["Redis:ChannelPrefix"] is { Length: > 0 } prefix ? prefix : "switchboard",
        NodeId = config["Cluster:NodeId"] is { Length: > 0 } id ? id : $"{Environment.MachineName}-{Environment.ProcessId}",
        PublicNodeId = config["Cluster:NodeId"] is { Length: > 0 } configured ? configured : null,
    };
}
