using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Switchboard.SocketIO.Redis;

/// <summary>
/// Creates a <see cref="RedisStreamsAdapter"/> per namespace and runs the one reader of the stream: a loop of
/// blocking <c>XREAD</c>s on a dedicated connection (StackExchange.Redis multiplexes one connection for every
/// caller, so a blocking command there would hold everyone up), handing each entry to its namespace's adapter
/// in stream order — this node's own entries too (see <c>RedisStreamsAdapter.StreamOrder.cs</c>). While Redis is
/// unreachable the loop retries every quarter second and resumes from the last entry it read.
/// </summary>
public sealed class RedisStreamsAdapterFactory : ISocketIOAdapterFactory, IDisposable
{
    private readonly ConcurrentDictionary<string, RedisStreamsAdapter> _adapters = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _sync = new();
    private Task? _reader;
    private ConnectionMultiplexer? _readConnection;

    /// <summary>Creates the factory over a Redis connection.</summary>
    public RedisStreamsAdapterFactory(IConnectionMultiplexer redis, RedisStreamsAdapterOptions options, ILoggerFactory? loggers = null)
    {
        Redis = redis;
        Options = options;
        Log = (ILogger?)loggers?.CreateLogger<RedisStreamsAdapter>() ?? NullLogger.Instance;
        redis.ConnectionFailed += (_, e) => Log.LogWarning(
            "Redis connection lost ({Failure}, {ConnectionType}): Socket.IO events reach this server's sockets only, and recovery starts fresh sessions, until it returns",
            e.FailureType, e.ConnectionType);
        redis.ConnectionRestored += (_, e) => Log.LogInformation("Redis connection restored ({ConnectionType}): Socket.IO events reach every server again", e.ConnectionType);
    }

    internal IConnectionMultiplexer Redis { get; }

    internal RedisStreamsAdapterOptions Options { get; }

    internal ILogger Log { get; }

    /// <summary>The last stream entry id handed to the adapters (for tests and diagnostics).</summary>
    public string? LastReadOffset { get; private set; }

    /// <inheritdoc/>
    public ISocketIOAdapter Create(Namespace nsp)
    {
        var adapter = new RedisStreamsAdapter(nsp, this);
        _adapters[nsp.Name] = adapter;
        lock (_sync)
        {
            _reader ??= Task.Run(() => ReadAsync(_stopping.Token));
        }

        return adapter;
    }

    /// <summary>Stops the stream readers and disposes the adapters it created.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        foreach (var adapter in _adapters.Values)
        {
            adapter.Dispose();
        }

        _readConnection?.Dispose();
    }

    private async Task ReadAsync(CancellationToken stopping)
    {
        // Where the reader is in each stream of this node's namespaces ("$": from the first read on).
        var offsets = new Dictionary<string, string>(StringComparer.Ordinal);
        var block = (long)Options.BlockTime.TotalMilliseconds;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                foreach (var adapter in _adapters.Values)
                {
                    offsets.TryAdd(adapter.StreamName, "$");
                }

                var connection = await ReadConnectionAsync().ConfigureAwait(false);
                var args = new List<object> { "BLOCK", block, "COUNT", Options.ReadCount, "STREAMS" };
                args.AddRange(offsets.Keys);
                args.AddRange(offsets.Values);
                var result = await connection.GetDatabase().ExecuteAsync("XREAD", args.ToArray()).ConfigureAwait(false);
                if (!result.IsNull)
                {
                    foreach (var (stream, entries) in StreamEntries(result))
                    {
                        foreach (var entry in entries)
                        {
                            var parts = (RedisResult[])entry!;
                            var id = (string)parts[0]!;
                            Dispatch(id, (RedisResult[])parts[1]!);
                            offsets[stream] = id;
                            LastReadOffset = id;
                        }
                    }
                }

                // Answered: from here the reader meets every entry appended after each offset, own ones included.
                foreach (var adapter in _adapters.Values)
                {
                    if (offsets.TryGetValue(adapter.StreamName, out var offset))
                    {
                        adapter.OnReaderReading(offset == "$" ? null : offset);
                    }
                }
            }
            catch (Exception error) when (!stopping.IsCancellationRequested)
            {
                Log.LogDebug(error, "Reading the streams {Streams} failed; retrying", string.Join(", ", offsets.Keys));
                foreach (var adapter in _adapters.Values)
                {
                    adapter.OnReaderFailed();
                }

                try
                {
                    await Task.Delay(250, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (Exception)
            {
                return;
            }
        }
    }

    /// <summary>The entries of an XREAD answer by stream: a map stream → entries over RESP3, pairs [stream, entries] over RESP2.</summary>
    private static IEnumerable<(string Stream, RedisResult[] Entries)> StreamEntries(RedisResult result)
    {
        var items = (RedisResult[])result!;
        if (result.Resp3Type == ResultType.Map)
        {
            for (var i = 0; i + 1 < items.Length; i += 2)
            {
                yield return ((string)items[i]!, (RedisResult[])items[i + 1]!);
            }

            yield break;
        }

        foreach (var stream in items)
        {
            var pair = (RedisResult[])stream!;
            yield return ((string)pair[0]!, (RedisResult[])pair[1]!);
        }
    }

    private void Dispatch(string id, RedisResult[] fields)
    {
        string? uid = null, nsp = null, type = null, data = null;
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            var value = (string?)fields[i + 1];
            switch ((string?)fields[i])
            {
                case "uid": uid = value; break;
                case "nsp": nsp = value; break;
                case "type": type = value; break;
                case "data": data = value; break;
            }
        }

        if (nsp is not null && uid is not null && type is not null && _adapters.TryGetValue(nsp, out var adapter))
        {
            adapter.OnStreamEntry(id, uid, type, data);
        }
    }

    private async Task<ConnectionMultiplexer> ReadConnectionAsync()
    {
        if (_readConnection is { } existing)
        {
            return existing;
        }

        var options = RedisConnection.Options(Redis.Configuration);
        // The blocking read must not count as a timeout.
        var timeout = (int)Options.BlockTime.TotalMilliseconds + 3000;
        options.AsyncTimeout = timeout;
        options.SyncTimeout = timeout;
        options.ClientName = "socket.io-streams-reader";
        var connection = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        _readConnection = connection;
        return connection;
    }
}
