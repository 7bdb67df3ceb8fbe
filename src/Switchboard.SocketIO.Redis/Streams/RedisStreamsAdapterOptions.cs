namespace Switchboard.SocketIO.Redis;

/// <summary>
/// Settings of <see cref="RedisStreamsAdapter"/>. The names and defaults are those of Node's
/// <c>@socket.io/redis-streams-adapter</c>: Node servers and Switchboard share a cluster when they use the
/// same <see cref="StreamName"/>, <see cref="ChannelPrefix"/> and <see cref="SessionKeyPrefix"/>.
/// </summary>
public sealed class RedisStreamsAdapterOptions
{
    /// <summary>The Redis stream every node appends to and reads (Node: streamName, "socket.io"); see <see cref="StreamCount"/>.</summary>
    public string StreamName { get; set; } = "socket.io";

    /// <summary>
    /// How many streams the namespaces are spread over (Node: streamCount, 1). Above 1, a namespace uses the stream
    /// <c>{StreamName}-{hash(namespace) % StreamCount}</c>, Node's hash, so one namespace's operations stay in order
    /// and Node servers with the same setting share them; a node reads the streams of its namespaces.
    /// </summary>
    public int StreamCount { get; set; } = 1;

    /// <summary>The stream of a namespace (Node: computeStreamName).</summary>
    public string StreamFor(string nsp)
    {
        if (StreamCount <= 1)
        {
            return StreamName;
        }

        // Node's hashCode: Java's String.hashCode over UTF-16 code units, in 32-bit arithmetic; JavaScript's % keeps
        // the sign, as C#'s does, so a negative hash names a stream like "socket.io--1" there too.
        var hash = 0;
        foreach (var c in nsp)
        {
            hash = unchecked((hash * 31) + c);
        }

        return StreamName + "-" + (hash % StreamCount).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Prefix of the pub/sub channels for requests and answers (Node: channelPrefix, "socket.io").</summary>
    public string ChannelPrefix { get; set; } = "socket.io";

    /// <summary>Approximate bound of the stream (XADD MAXLEN ~; Node: maxLen, 10 000). Recovery reaches back at most this far.</summary>
    public int MaxLen { get; set; } = 10_000;

    /// <summary>Entries per XREAD (Node: readCount, 100).</summary>
    public int ReadCount { get; set; } = 100;

    /// <summary>
    /// How long one XREAD blocks waiting for entries (Node: blockTimeInMs, 5 s). Shorter here: the read runs on
    /// a dedicated connection whose command timeout must exceed it.
    /// </summary>
    public TimeSpan BlockTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Prefix of the keys holding recovery sessions (Node: sessionKeyPrefix, "sio:session:").</summary>
    public string SessionKeyPrefix { get; set; } = "sio:session:";

    /// <summary>
    /// How often the session of every connected socket is written to Redis ahead of any disconnect, so that a
    /// client whose node died (no chance to save anything) is still recovered on another node. Room changes are
    /// written within a second. Node saves sessions only on disconnect; zero turns the writes ahead off.
    /// </summary>
    public TimeSpan SessionRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);
}
