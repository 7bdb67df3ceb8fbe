namespace Switchboard.SocketIO.Redis;

public sealed class RedisAdapterOptions
{
    /// <summary>
    /// Prefix of the pub/sub channels: one channel per namespace, <c>{prefix}#{namespace}#</c>. Servers that
    /// should reach each other's sockets share it; unrelated applications on one Redis pick different ones.
    /// </summary>
    public string ChannelPrefix { get; set; } = "switchboard.socket.io";

    /// <summary>Identifies this server in its messages, so it skips its own; random per process by default.</summary>
    public Guid ServerId { get; set; } = Guid.NewGuid();
}
