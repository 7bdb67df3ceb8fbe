using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Switchboard.SocketIO.Redis;

/// <summary>
/// A namespace's adapter across servers: every broadcast and room operation is applied to this server's
/// sockets and published on the namespace's Redis channel; what other servers publish there is applied
/// here. Room membership stays local (each server knows its own sockets), so an operation reaches a socket
/// wherever it is connected.
/// </summary>
/// <remarks>
/// Publishing never waits for Redis: while it is unreachable the operation is applied locally only (the
/// sockets of this server still get it) and the rest of the cluster misses it — pub/sub is at most once.
/// Messages are handled in the order they arrive, one at a time, so "emit, then leave the room, then
/// disconnect" keeps its order on every server. <see cref="InMemoryAdapter.FetchSocketsAsync"/> stays local: a
/// <see cref="Socket"/> can only represent a connection of this server.
/// </remarks>
public sealed class RedisAdapter : InMemoryAdapter, IDisposable
{
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisAdapterOptions _options;
    private readonly ILogger _log;
    private readonly RedisChannel _channel;
    private readonly CancellationTokenSource _disposed = new();
    private ChannelMessageQueue? _queue;
    private long _dropped;

    /// <summary>Creates the adapter of a namespace and subscribes to its channel; <see cref="RedisAdapterFactory"/> does this for you.</summary>
    public RedisAdapter(Namespace nsp, IConnectionMultiplexer redis, RedisAdapterOptions options, ILogger log)
        : base(nsp)
    {
        _redis = redis;
        _options = options;
        _log = log;
        _channel = RedisChannel.Literal($"{options.ChannelPrefix}#{nsp.Name}#");
        Subscribed = SubscribeWhenConnectedAsync(_disposed.Token);
    }

    /// <summary>Completes once the channel is subscribed (after that the multiplexer resubscribes by itself after a reconnect).</summary>
    public Task Subscribed { get; }

    /// <summary>Operations that could not be published because Redis was unreachable (applied locally only).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <inheritdoc/>
    public override ValueTask PublishAsync(AdapterOperation operation)
    {
        if (!operation.Options.Local)
        {
            Publish(operation);
        }

        // Through the base: with connection state recovery it keeps broadcasts for replay on this node.
        return base.PublishAsync(operation);
    }

    /// <summary>Unsubscribes from the namespace's channel.</summary>
    public void Dispose()
    {
        _disposed.Cancel();
        _queue?.Unsubscribe(CommandFlags.FireAndForget);
    }

    private void Publish(AdapterOperation operation)
    {
        if (!_redis.IsConnected)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        try
        {
            // Fire and forget: the request thread never waits on Redis; the multiplexer keeps the order.
            _redis.GetSubscriber().Publish(_channel, AdapterMessage.Encode(_options.ServerId, operation), CommandFlags.FireAndForget);
        }
        catch (Exception error) when (error is RedisException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _dropped);
            _log.LogDebug(error, "Redis publish failed; operation applied on this server only");
        }
    }

    private void Receive(ChannelMessage message)
    {
        try
        {
            var (sender, operation) = AdapterMessage.Decode((byte[])message.Message!);
            if (sender != _options.ServerId)
            {
                // Kept for recovery too (this node only: pub/sub has no shared store, as with Node's Redis adapter).
                base.PublishAsync(operation);
            }
        }
        catch (Exception error)
        {
            _log.LogWarning(error, "Ignored a message on {Channel} that could not be applied", _channel);
        }
    }

    /// <summary>
    /// Subscribes once Redis is reachable. A subscription made while disconnected would fail and leave a
    /// half-registered queue behind, so it waits; once made, StackExchange.Redis restores it after every
    /// reconnect.
    /// </summary>
    private async Task SubscribeWhenConnectedAsync(CancellationToken cancel)
    {
        var subscriber = _redis.GetSubscriber();
        while (!cancel.IsCancellationRequested)
        {
            if (_redis.IsConnected)
            {
                try
                {
                    var queue = await subscriber.SubscribeAsync(_channel).ConfigureAwait(false);
                    queue.OnMessage(Receive);
                    _queue = queue;
                    return;
                }
                catch (Exception error) when (error is RedisException or TimeoutException)
                {
                    _log.LogDebug(error, "Subscribing to {Channel} failed; retrying", _channel);
                    try
                    {
                        await subscriber.UnsubscribeAsync(_channel).ConfigureAwait(false);
                    }
                    catch (Exception)
                    {
                        // Best effort: the next attempt subscribes afresh either way.
                    }
                }
            }

            try
            {
                await Task.Delay(250, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>Not supported: the other nodes have no request to answer it with (Node's adapter of this kind neither).</remarks>
    public override ValueTask<IReadOnlySet<string>> AllRoomsAsync(TimeSpan timeout) =>
        ValueTask.FromException<IReadOnlySet<string>>(new NotSupportedException($"{nameof(RedisAdapter)} cannot list the rooms of every node; use {nameof(NodeRedisAdapter)} for allRooms."));
}
