using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Switchboard.SocketIO.Redis;

/// <summary>
/// A namespace's adapter on a Redis stream, wire-compatible with Node's <c>@socket.io/redis-streams-adapter</c>
/// (0.3): broadcasts and room operations are appended to the stream (XADD MAXLEN ~) and every node applies what
/// the others appended; requests (fetch sockets, server-side emits) and their answers go over pub/sub. The stream
/// doubles as the packet store of connection state recovery: a recoverable packet's offset is its entry id, the
/// sessions live under <c>{SessionKeyPrefix}{pid}</c>, so a client is recovered on whichever node it reaches.
/// </summary>
/// <remarks>
/// Redis unreachable: operations reach this node's sockets only (without an offset), recovery answers "no session"
/// (a fresh one), nothing throws; once Redis is back the reader resumes and publishing works again.
/// </remarks>
public sealed partial class RedisStreamsAdapter : InMemoryAdapter, IDisposable
{
    private const int MaxRangeCalls = 100;
    private const int RangeCount = 1000;

    private readonly RedisStreamsAdapterFactory _factory;
    private readonly RedisStreamsAdapterOptions _options;
    private readonly ILogger _log;
    private readonly ConnectionStateRecoveryOptions? _recovery;
    private readonly RedisChannel _publicChannel;
    private readonly RedisChannel _privateChannel;
    private readonly Lock _order = new();
    private readonly Queue<Pending> _pending = new();
    private readonly ClusterRequests _requests;
    private readonly ConcurrentDictionary<string, string> _liveSessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _dirty = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _persisted = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposed = new();
    private readonly ITimer? _sessionTimer;
    private long _ticks;
    private long _dropped;

    internal RedisStreamsAdapter(Namespace nsp, RedisStreamsAdapterFactory factory)
        : base(nsp, storeSessions: false)
    {
        _factory = factory;
        _options = factory.Options;
        _log = factory.Log;
        _recovery = nsp.Server.Options.ConnectionStateRecovery;
        Uid = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 8));
        StreamName = _options.StreamFor(nsp.Name);
        _requests = new ClusterRequests(factory.Redis, factory.Log, nsp.Server.Time, idBytes: 8);
        _publicChannel = RedisChannel.Literal($"{_options.ChannelPrefix}#{nsp.Name}#");
        _privateChannel = RedisChannel.Literal($"{_options.ChannelPrefix}#{nsp.Name}#{Uid}#");
        Subscribed = SubscribeWhenConnectedAsync(_disposed.Token);
        if (_recovery is not null && _options.SessionRefreshInterval > TimeSpan.Zero)
        {
            _sessionTimer = nsp.Server.Time.CreateTimer(static s => ((RedisStreamsAdapter)s!).WriteSessionsAhead(), this, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The stream of this namespace (<see cref="RedisStreamsAdapterOptions.StreamFor"/>).</summary>
    public string StreamName { get; }

    /// <summary>This node's id in the cluster messages (Node: uid).</summary>
    public string Uid { get; }

    /// <summary>Completes once the pub/sub channels are subscribed.</summary>
    public Task Subscribed { get; }

    /// <summary>Operations that could not be appended to the stream (applied on this node only).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    private IDatabase Db => _factory.Redis.GetDatabase();

    private sealed class Pending(AdapterOperation operation)
    {
        public AdapterOperation Operation { get; } = operation;

        public string? Offset { get; set; }

        public bool Done { get; set; }
    }

    /// <summary>
    /// Appends the operation to the stream, then applies it here; for a broadcast, with the entry id as recovery
    /// offset. Operations are applied here in stream order, interleaved with the other nodes' entries as the
    /// reader meets them (<see cref="ApplyInStreamOrder"/>). Completes at once: the caller (often a request) never
    /// waits on Redis; this node's sockets get the operation when the reader reaches it (or when Redis failed, or
    /// at once when it is known to be unreachable).
    /// </summary>
    public override ValueTask PublishAsync(AdapterOperation operation)
    {
        if (operation.Options.Local)
        {
            ApplyLocal(operation);
            return ValueTask.CompletedTask;
        }

        var pending = new Pending(operation);
        Task<RedisValue>? adding = null;
        lock (_order)
        {
            if (_factory.Redis.IsConnected)
            {
                try
                {
                    adding = Db.StreamAddAsync(StreamName,
                        [
                            new NameValueEntry("uid", Uid),
                            new NameValueEntry("nsp", Namespace.Name),
                            new NameValueEntry("type", ClusterMessage.TypeOf(operation)),
                            new NameValueEntry("data", ClusterMessage.StreamData(operation, Namespace.Name)),
                        ],
                        maxLength: _options.MaxLen, useApproximateMaxLength: true);
                }
                catch (Exception error) when (error is RedisException or ObjectDisposedException)
                {
                    _log.LogDebug(error, "XADD failed; operation applied on this server only");
                }
            }

            _pending.Enqueue(pending);
        }

        if (adding is null)
        {
            Complete(pending);
        }
        else
        {
            _ = CompleteWhenAddedAsync(pending, adding);
        }

        return ValueTask.CompletedTask;
    }

    private async Task CompleteWhenAddedAsync(Pending pending, Task<RedisValue> adding)
    {
        try
        {
            pending.Offset = (string?)await adding.ConfigureAwait(false);
        }
        catch (Exception error)
        {
            _log.LogDebug(error, "XADD failed; operation applied on this server only");
        }

        Complete(pending);
    }

    /// <summary>
    /// Marks the operation appended (or not) and hands every operation at the head of the queue that is to
    /// <see cref="ApplyInStreamOrder"/>.
    /// </summary>
    private void Complete(Pending pending)
    {
        if (pending.Offset is null)
        {
            Interlocked.Increment(ref _dropped);
        }

        lock (_order)
        {
            pending.Done = true;
            while (_pending.TryPeek(out var next) && next.Done)
            {
                _pending.Dequeue();
                try
                {
                    ApplyInStreamOrder(next.Operation, next.Offset);
                }
                catch (Exception error)
                {
                    _log.LogWarning(error, "Could not apply an operation on this server");
                }
            }
        }
    }

    /// <summary>An entry another node appended (called by the factory's reader, in stream order).</summary>
    internal void OnStreamEntry(string id, string uid, string type, string? data)
    {
        if (data is null || (uid == Uid && !OwnEntryReached(id)))
        {
            return;
        }

        try
        {
            var attachments = new List<byte[]>();
            var message = ClusterMessage.ReadStreamData(data, attachments);
            var options = ClusterMessage.ReadOptions(message);
            switch (int.Parse(type, System.Globalization.CultureInfo.InvariantCulture))
            {
                case ClusterMessage.Broadcast when !message.TryGetProperty("requestId", out _):
                    var packet = NodePackets.Event(Namespace.Name, message.GetProperty("packet").GetProperty("data"), attachments);
                    if (_recovery is not null && ClusterMessage.IsRecoverable(message))
                    {
                        BroadcastLocal(RecoveryOffsets.Append(packet, id), options, id);
                    }
                    else
                    {
                        BroadcastLocal(packet, options);
                    }

                    break;
                case ClusterMessage.SocketsJoin:
                    ApplyLocal(AdapterOperation.AddRooms(options, [.. ClusterMessage.Strings(message, "rooms")]));
                    break;
                case ClusterMessage.SocketsLeave:
                    ApplyLocal(AdapterOperation.RemoveRooms(options, [.. ClusterMessage.Strings(message, "rooms")]));
                    break;
                case ClusterMessage.DisconnectSockets:
                    var close = message.TryGetProperty("close", out var c) && c.ValueKind == JsonValueKind.True;
                    ApplyLocal(AdapterOperation.DisconnectSockets(options, close));
                    break;
            }
        }
        catch (Exception error)
        {
            _log.LogWarning(error, "Ignored stream entry {Id} that could not be applied", id);
        }
    }

    private void Apply(AdapterOperation operation, string? offset)
    {
        if (operation is { Kind: AdapterOperationKind.Broadcast, Packet: { } packet, Options.Volatile: false } && offset is not null && _recovery is not null)
        {
            BroadcastLocal(RecoveryOffsets.Append(packet, offset), operation.Options, offset);
            return;
        }

        ApplyLocal(operation);
    }

    // ---------------------------------------------------------------- sessions (connection state recovery)

    /// <inheritdoc/>
    public override void PersistSession(SocketSession session)
    {
        if (_recovery is null)
        {
            return;
        }

        _persisted[session.Pid] = 0;
        WriteSession(session, _recovery.MaxDisconnectionDuration);
    }

    /// <inheritdoc/>
    public override void AddAll(string socketId, IReadOnlyCollection<string> rooms)
    {
        base.AddAll(socketId, rooms);
        MarkDirty(socketId);
    }

    /// <inheritdoc/>
    public override void Del(string socketId, string room)
    {
        base.Del(socketId, room);
        MarkDirty(socketId);
    }

    /// <inheritdoc/>
    public override void DelAll(string socketId)
    {
        base.DelAll(socketId);
        _dirty.TryRemove(socketId, out _);
        if (_liveSessions.TryRemove(socketId, out var pid) && !_persisted.TryRemove(pid, out _) && _factory.Redis.IsConnected)
        {
            // Gone for good (the client or the server chose to disconnect): the session written ahead must not be restored.
            try
            {
                Db.KeyDelete(_options.SessionKeyPrefix + pid, CommandFlags.FireAndForget);
            }
            catch (Exception error) when (error is RedisException or ObjectDisposedException)
            {
                _log.LogDebug(error, "Could not delete the session of {Socket}", socketId);
            }
        }
    }

    /// <inheritdoc/>
    public override async ValueTask<RestoredSession?> RestoreSessionAsync(string pid, string offset)
    {
        if (_recovery is null || !StreamId().IsMatch(offset) || !_factory.Redis.IsConnected)
        {
            return null;
        }

        var db = Db;
        // GETDEL (Redis 6.2+): a session is restored once.
        var getting = db.StringGetDeleteAsync(_options.SessionKeyPrefix + pid);
        var checking = db.StreamRangeAsync(StreamName, offset, offset);
        var raw = await getting.ConfigureAwait(false);
        var exists = await checking.ConfigureAwait(false);
        if (raw.IsNull || exists.Length == 0)
        {
            return null;
        }

        var session = DecodeSession(Convert.FromBase64String((string)raw!));
        if (session is null)
        {
            return null;
        }

        return new RestoredSession(session, await RangeAfterAsync(session.Rooms, offset).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public override async ValueTask<IReadOnlyList<StoredPacket>> GetPacketsAfterAsync(IReadOnlyCollection<string> rooms, string offset) =>
        _recovery is null || !StreamId().IsMatch(offset) ? [] : await RangeAfterAsync(rooms, offset).ConfigureAwait(false);

    /// <summary>The recoverable broadcasts of this namespace after <paramref name="offset"/> that reach <paramref name="rooms"/> (Node's XRANGE loop).</summary>
    private async Task<List<StoredPacket>> RangeAfterAsync(IReadOnlyCollection<string> rooms, string offset)
    {
        var missed = new List<StoredPacket>();
        for (var call = 0; call < MaxRangeCalls; call++)
        {
            var entries = await Db.StreamRangeAsync(StreamName, NextOffset(offset), "+", RangeCount).ConfigureAwait(false);
            if (entries.Length == 0)
            {
                break;
            }

            foreach (var entry in entries)
            {
                offset = (string)entry.Id!;
                if ((string?)entry["nsp"] != Namespace.Name || (string?)entry["type"] != "3" || entry["data"].IsNull)
                {
                    continue;
                }

                var attachments = new List<byte[]>();
                var message = ClusterMessage.ReadStreamData((string)entry["data"]!, attachments);
                if (!ClusterMessage.IsRecoverable(message))
                {
                    continue;
                }

                var options = ClusterMessage.ReadOptions(message);
                if (RecoveryOffsets.ShouldInclude(rooms, options.Rooms, options.Except))
                {
                    var packet = NodePackets.Event(Namespace.Name, message.GetProperty("packet").GetProperty("data"), attachments);
                    missed.Add(new StoredPacket(offset, RecoveryOffsets.Append(packet, offset)));
                }
            }

            if (entries.Length < RangeCount)
            {
                break;
            }
        }

        return missed;
    }

    /// <summary>Exclusive start for XRANGE on Redis before 6.2 (as Node's adapter computes it).</summary>
    private static string NextOffset(string offset)
    {
        var dash = offset.IndexOf('-');
        return offset[..dash] + "-" + (ulong.Parse(offset.AsSpan(dash + 1), System.Globalization.CultureInfo.InvariantCulture) + 1);
    }

    private void MarkDirty(string socketId)
    {
        if (_sessionTimer is not null && Namespace.Sockets.ContainsKey(socketId))
        {
            _dirty[socketId] = 0;
        }
    }

    /// <summary>
    /// Every second: the sessions whose rooms changed; every <see cref="RedisStreamsAdapterOptions.SessionRefreshInterval"/>:
    /// all sessions of this node, with a time to live of the recovery window plus one interval.
    /// </summary>
    private void WriteSessionsAhead()
    {
        if (_recovery is null || !_factory.Redis.IsConnected)
        {
            return;
        }

        var every = Math.Max(1, (long)_options.SessionRefreshInterval.TotalSeconds);
        var all = ++_ticks % every == 0;
        IEnumerable<string> ids = all ? [.. Namespace.Sockets.Keys] : [.. _dirty.Keys];
        var ttl = _recovery.MaxDisconnectionDuration + _options.SessionRefreshInterval;
        foreach (var id in ids)
        {
            _dirty.TryRemove(id, out _);
            if (Namespace.Sockets.TryGetValue(id, out var socket) && socket.Connected && socket.GetSession() is { } session)
            {
                _liveSessions[id] = session.Pid;
                WriteSession(session, ttl);
            }
        }
    }

    private void WriteSession(SocketSession session, TimeSpan ttl)
    {
        if (!_factory.Redis.IsConnected)
        {
            return;
        }

        try
        {
            var encoded = Convert.ToBase64String(EncodeSession(session));
            Db.StringSet(_options.SessionKeyPrefix + session.Pid, encoded, ttl, flags: CommandFlags.FireAndForget);
        }
        catch (Exception error)
        {
            // Runs on a timer too: nothing may escape (data that does not serialize just is not kept ahead).
            _log.LogDebug(error, "Could not write the session of {Socket}", session.Sid);
        }
    }

    private byte[] EncodeSession(SocketSession session)
    {
        var json = ClusterMessage.Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("sid", session.Sid);
            writer.WriteString("pid", session.Pid);
            writer.WritePropertyName("rooms");
            ClusterMessage.WriteStrings(writer, session.Rooms);
            writer.WritePropertyName("data");
            JsonSerializer.Serialize(writer, session.Data, Namespace.Server.Options.SerializerOptions);
            writer.WriteEndObject();
        });
        using var document = JsonDocument.Parse(json);
        return MsgPackJson.FromJson(document.RootElement);
    }

    /// <summary>A session as Node stores it; its data values come back as <see cref="JsonElement"/>.</summary>
    private static SocketSession? DecodeSession(byte[] encoded)
    {
        var json = MsgPackJson.ToJson(encoded);
        if (!json.TryGetProperty("sid", out var sid) || sid.ValueKind != JsonValueKind.String
            || !json.TryGetProperty("pid", out var pid) || pid.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (json.TryGetProperty("data", out var values) && values.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in values.EnumerateObject())
            {
                data[property.Name] = property.Value.Clone();
            }
        }

        return new SocketSession(sid.GetString()!, pid.GetString()!, [.. ClusterMessage.Strings(json, "rooms")], data);
    }

    [GeneratedRegex("^[0-9]+-[0-9]+$")]
    private static partial Regex StreamId();

    /// <summary>Stops the adapter's background work (session expiry, requests).</summary>
    public void Dispose()
    {
        _disposed.Cancel();
        _sessionTimer?.Dispose();
    }
}
