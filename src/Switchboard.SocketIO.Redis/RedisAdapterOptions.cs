namespace Switchboard.SocketIO.Redis;

/// <summary>Options of the pub/sub adapters (<see cref="RedisAdapter"/>, <see cref="NodeRedisAdapter"/>).</summary>
public sealed class RedisAdapterOptions
{
    /// <summary>
    /// Prefix of the pub/sub channels: one channel per namespace, <c>{prefix}#{namespace}#</c>. Servers that
    /// should reach each other's sockets share it; unrelated applications on one Redis pick different ones.
    /// </summary>
    public string ChannelPrefix { get; set; } = "switchboard.socket.io";

    /// <summary>Identifies this server in its messages, so it skips its own; random per process by default.</summary>
    public Guid ServerId { get; set; } = Guid.NewGuid();

    /// <summary>
    /// Speak Node's <c>@socket.io/redis-adapter</c> (8.x) format instead of the own envelope (<see cref="NodeRedisAdapter"/>),
    /// so that Node.js servers on that package join the cluster. <see cref="ChannelPrefix"/> is then its <c>key</c>
    /// (Node's default: "socket.io").
    /// </summary>
    public bool NodeCompatible { get; set; }
}
