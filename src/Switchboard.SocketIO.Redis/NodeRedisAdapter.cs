using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Switchboard.SocketIO.Redis;

/// <summary>
/// The pub/sub adapter in the format of Node's <c>@socket.io/redis-adapter</c> (8.x), chosen with
/// <see cref="RedisAdapterOptions.NodeCompatible"/>, so that Node.js servers on that package and Switchboard share
/// one cluster: broadcasts are MessagePack <c>[uid, packet, opts]</c> on <c>{key}#{nsp}#</c> (or
/// <c>{key}#{nsp}#{room}#</c> for a single room); room operations, fetch sockets and server-side emits are JSON
/// requests on <c>{key}-request#{nsp}#</c> answered on <c>{key}-response#{nsp}#</c>.
/// </summary>
/// <remarks>
/// As with <see cref="RedisAdapter"/>: at most once, nothing waits on Redis, an outage keeps operations on this
/// node, recovery is per node. Broadcasts with acknowledgements are not carried.
/// </remarks>
public sealed class NodeRedisAdapter : InMemoryAdapter, IDisposable
{
    private const int AllRooms = 1;
    private const int RemoteJoin = 2;
    private const int RemoteLeave = 3;
    private const int RemoteDisconnect = 4;
    private const int RemoteFetch = 5;
    private const int ServerSideEmitType = 6;

    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger _log;
    private readonly string _channel;
    private readonly RedisChannel _requestChannel;
    private readonly RedisChannel _responseChannel;
    private readonly RedisChannel _specificResponseChannel;
    private readonly CancellationTokenSource _disposed = new();
    private readonly ClusterRequests _requests;

    /// <summary>Creates the adapter of a namespace and subscribes to its channels; <see cref="RedisAdapterFactory"/> does this for you.</summary>
    public NodeRedisAdapter(Namespace nsp, IConnectionMultiplexer redis, RedisAdapterOptions options, ILogger log)
        : base(nsp)
    {
        _redis = redis;
        _log = log;
        Uid = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3));
        _channel = $"{options.ChannelPrefix}#{nsp.Name}#";
        _requestChannel = RedisChannel.Literal($"{options.ChannelPrefix}-request#{nsp.Name}#");
        _responseChannel = RedisChannel.Literal($"{options.ChannelPrefix}-response#{nsp.Name}#");
        _specificResponseChannel = RedisChannel.Literal($"{options.ChannelPrefix}-response#{nsp.Name}#{Uid}#");
        _requests = new ClusterRequests(redis, log, nsp.Server.Time, idBytes: 6);
        Subscribed = SubscribeWhenConnectedAsync(_disposed.Token);
    }

    /// <summary>This server's id in Node's format (six random bytes, hex), used to skip its own messages.</summary>
    public string Uid { get; }

    /// <summary>Completes once the subscriptions are in place.</summary>
    public Task Subscribed { get; }

    /// <inheritdoc/>
    public override ValueTask PublishAsync(AdapterOperation operation)
    {
        if (!operation.Options.Local)
        {
            try
            {
                Publish(operation);
            }
            catch (Exception error)
            {
                _log.LogDebug(error, "Publishing failed; operation applied on this server only");
            }
        }

        // Applied here directly (Node's adapter waits for its own request to come back; without Redis it would not).
        return base.PublishAsync(operation);
    }

    private void Publish(AdapterOperation operation)
    {
        switch (operation.Kind)
        {
            case AdapterOperationKind.Broadcast:
                var rooms = operation.Options.Rooms;
                var channel = rooms.Count == 1 ? _channel + rooms.First() + "#" : _channel;
                var attachments = operation.Packet!.Attachments;
                var json = ClusterMessage.Json(writer =>
                {
                    writer.WriteStartArray();
                    writer.WriteStringValue(Uid);
                    writer.WriteStartObject();
                    writer.WriteNumber("type", 2);
                    writer.WritePropertyName("data");
                    writer.WriteRawValue(NodePackets.DataOf(operation.Packet).Span, skipInputValidation: true);
                    writer.WriteString("nsp", Namespace.Name);
                    writer.WriteEndObject();
                    WriteOptionsObject(writer, operation.Options, flags: true);
                    writer.WriteEndArray();
                });
                using (var document = JsonDocument.Parse(json))
                {
                    Send(RedisChannel.Literal(channel), MsgPackJson.FromJson(document.RootElement, attachments));
                }

                break;
            case AdapterOperationKind.AddRooms:
            case AdapterOperationKind.RemoveRooms:
                Send(_requestChannel, ClusterMessage.Json(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("uid", Uid);
                    writer.WriteNumber("type", operation.Kind == AdapterOperationKind.AddRooms ? RemoteJoin : RemoteLeave);
                    writer.WritePropertyName("opts");
                    WriteOptionsObject(writer, operation.Options, flags: false);
                    writer.WritePropertyName("rooms");
                    ClusterMessage.WriteStrings(writer, operation.Rooms);
                    writer.WriteEndObject();
                }));
                break;
            case AdapterOperationKind.DisconnectSockets:
                Send(_requestChannel, ClusterMessage.Json(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("uid", Uid);
                    writer.WriteNumber("type", RemoteDisconnect);
                    writer.WritePropertyName("opts");
                    WriteOptionsObject(writer, operation.Options, flags: false);
                    writer.WriteBoolean("close", operation.Close);
                    writer.WriteEndObject();
                }));
                break;
        }
    }

    /// <inheritdoc/>
    public override async ValueTask<IReadOnlySet<string>> AllRoomsAsync(TimeSpan timeout)
    {
        var all = new HashSet<string>(Rooms, StringComparer.Ordinal);
        foreach (var answer in await RequestAsync(AllRooms, _ => { }, timeout).ConfigureAwait(false))
        {
            all.UnionWith(ClusterMessage.Strings(answer, "rooms"));
        }

        return all;
    }

    /// <inheritdoc/>
    public override async ValueTask<IReadOnlyList<RemoteSocket>> FetchClusterSocketsAsync(BroadcastOptions options, TimeSpan timeout)
    {
        var local = await base.FetchClusterSocketsAsync(options, timeout).ConfigureAwait(false);
        if (options.Local)
        {
            return local;
        }

        var answers = await RequestAsync(RemoteFetch, writer =>
        {
            writer.WritePropertyName("opts");
            WriteOptionsObject(writer, options, flags: false);
        }, timeout).ConfigureAwait(false);
        var all = new List<RemoteSocket>(local);
        foreach (var answer in answers)
        {
            if (answer.TryGetProperty("sockets", out var sockets) && sockets.ValueKind == JsonValueKind.Array)
            {
                foreach (var socket in sockets.EnumerateArray())
                {
                    all.Add(new RemoteSocket(socket.GetProperty("id").GetString()!, [.. ClusterMessage.Strings(socket, "rooms")],
                        socket.TryGetProperty("data", out var data) ? data.Clone() : default,
                        socket.TryGetProperty("handshake", out var handshake) ? handshake.Clone() : default));
                }
            }
        }

        return all;
    }

    /// <inheritdoc/>
    public override async ValueTask<IReadOnlyList<JsonElement>> ServerSideEmitAsync(JsonElement packet, bool expectAcks, TimeSpan timeout)
    {
        if (!expectAcks)
        {
            Send(_requestChannel, ClusterMessage.Json(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("uid", Uid);
                writer.WriteNumber("type", ServerSideEmitType);
                writer.WritePropertyName("data");
                packet.WriteTo(writer);
                writer.WriteEndObject();
            }));
            return [];
        }

        var answers = await RequestAsync(ServerSideEmitType, writer =>
        {
            writer.WritePropertyName("data");
            packet.WriteTo(writer);
        }, timeout).ConfigureAwait(false);
        return [.. answers.Select(a => a.TryGetProperty("data", out var value) ? value.Clone() : default)];
    }

    /// <summary>Stops the subscription loop; later messages are ignored.</summary>
    public void Dispose() => _disposed.Cancel();

    private Task<List<JsonElement>> RequestAsync(int type, Action<Utf8JsonWriter> writeFields, TimeSpan timeout) =>
        _requests.AskAsync(_requestChannel, requestId => Send(_requestChannel, ClusterMessage.Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("uid", Uid);
            writer.WriteString("requestId", requestId);
            writer.WriteNumber("type", type);
            writeFields(writer);
            writer.WriteEndObject();
        })), timeout);

    private void Send(RedisChannel channel, byte[] message)
    {
        if (!_redis.IsConnected)
        {
            return;
        }

        try
        {
            _redis.GetSubscriber().Publish(channel, message, CommandFlags.FireAndForget);
        }
        catch (Exception error) when (error is RedisException or ObjectDisposedException)
        {
            _log.LogDebug(error, "Publishing on {Channel} failed", channel);
        }
    }

    private void OnBroadcast(ChannelMessage message)
    {
        try
        {
            var channel = (string)message.Channel!;
            var room = channel.Length > _channel.Length ? channel[_channel.Length..^1] : string.Empty;
            if (room.Length > 0 && !Rooms.Contains(room))
            {
                return;
            }

            var attachments = new List<byte[]>();
            var decoded = MsgPackJson.ToJson((byte[])message.Message!, attachments);
            if (decoded.ValueKind != JsonValueKind.Array || decoded.GetArrayLength() < 3 || decoded[0].GetString() == Uid)
            {
                return;
            }

            var packet = decoded[1];
            var nsp = packet.TryGetProperty("nsp", out var n) ? n.GetString() : "/";
            if (nsp != Namespace.Name || !packet.TryGetProperty("data", out var data))
            {
                return;
            }

            var options = new BroadcastOptions(ClusterMessage.Strings(decoded[2], "rooms"), ClusterMessage.Strings(decoded[2], "except"), local: false)
            {
                Volatile = ClusterMessage.IsVolatile(decoded[2]),
            };
            // Through the base: kept for recovery on this node.
            _ = base.PublishAsync(AdapterOperation.Broadcast(NodePackets.Event(Namespace.Name, data, attachments), options));
        }
        catch (Exception error)
        {
            _log.LogWarning(error, "Ignored a message on {Channel} that could not be applied", message.Channel);
        }
    }

    private void OnRequest(ChannelMessage message)
    {
        try
        {
            var bytes = (byte[])message.Message!;
            var request = bytes.Length > 0 && bytes[0] == (byte)'{'
                ? JsonDocument.Parse(bytes).RootElement.Clone()
                : MsgPackJson.ToJson(bytes);
            var channel = (string)message.Channel!;
            if (channel.StartsWith((string)_responseChannel!, StringComparison.Ordinal))
            {
                _requests.OnAnswer(request);
                return;
            }

            var uid = request.TryGetProperty("uid", out var u) ? u.GetString() : null;
            if (uid == Uid || !request.TryGetProperty("type", out var t))
            {
                return;
            }

            BroadcastOptions Options() => request.TryGetProperty("opts", out var opts)
                ? new BroadcastOptions(ClusterMessage.Strings(opts, "rooms"), ClusterMessage.Strings(opts, "except"), local: true)
                : BroadcastOptions.All;
            var requestId = request.TryGetProperty("requestId", out var r) ? r.GetString() : null;
            switch (t.GetInt32())
            {
                case RemoteJoin when request.TryGetProperty("opts", out _):
                    ApplyLocal(AdapterOperation.AddRooms(Options(), [.. ClusterMessage.Strings(request, "rooms")]));
                    break;
                case RemoteLeave when request.TryGetProperty("opts", out _):
                    ApplyLocal(AdapterOperation.RemoveRooms(Options(), [.. ClusterMessage.Strings(request, "rooms")]));
                    break;
                case RemoteDisconnect when request.TryGetProperty("opts", out _):
                    ApplyLocal(AdapterOperation.DisconnectSockets(Options(), request.TryGetProperty("close", out var c) && c.ValueKind == JsonValueKind.True));
                    break;
                case AllRooms when requestId is not null:
                    var rooms = Rooms;
                    Respond(writer =>
                    {
                        writer.WriteString("requestId", requestId);
                        writer.WritePropertyName("rooms");
                        ClusterMessage.WriteStrings(writer, rooms);
                    });
                    break;
                case RemoteFetch when requestId is not null:
                    var sockets = CollectLocal(Options()).Select(s => RemoteSocket.From(s, Namespace.Server.Options.SerializerOptions)).ToList();
                    Respond(writer =>
                    {
                        writer.WriteString("requestId", requestId);
                        writer.WritePropertyName("sockets");
                        writer.WriteStartArray();
                        foreach (var socket in sockets)
                        {
                            writer.WriteStartObject();
                            writer.WriteString("id", socket.Id);
                            writer.WritePropertyName("handshake");
                            socket.Handshake.WriteTo(writer);
                            writer.WritePropertyName("rooms");
                            ClusterMessage.WriteStrings(writer, socket.Rooms);
                            writer.WritePropertyName("data");
                            socket.Data.WriteTo(writer);
                            writer.WriteEndObject();
                        }

                        writer.WriteEndArray();
                    });
                    break;
                case ServerSideEmitType when request.TryGetProperty("data", out var data):
                    Func<object?, ValueTask>? ack = null;
                    if (requestId is not null)
                    {
                        ack = value =>
                        {
                            var answer = JsonSerializer.SerializeToElement(value, Namespace.Server.Options.SerializerOptions);
                            Respond(writer =>
                            {
                                writer.WriteNumber("type", ServerSideEmitType);
                                writer.WriteString("requestId", requestId);
                                writer.WritePropertyName("data");
                                answer.WriteTo(writer);
                            });
                            return ValueTask.CompletedTask;
                        };
                    }

                    Namespace.OnServerSideEmitReceived(data.Clone(), ack);
                    break;
            }
        }
        catch (Exception error)
        {
            _log.LogWarning(error, "Ignored a request on {Channel} that could not be applied", message.Channel);
        }
    }

    /// <summary>Answers on the shared response channel (Node's default, publishOnSpecificResponseChannel false).</summary>
    private void Respond(Action<Utf8JsonWriter> writeFields) => Send(_responseChannel, ClusterMessage.Json(writer =>
    {
        writer.WriteStartObject();
        writeFields(writer);
        writer.WriteEndObject();
    }));

    private static void WriteOptionsObject(Utf8JsonWriter writer, BroadcastOptions options, bool flags)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("rooms");
        ClusterMessage.WriteStrings(writer, options.Rooms);
        writer.WritePropertyName("except");
        ClusterMessage.WriteStrings(writer, options.Except);
        if (flags)
        {
            ClusterMessage.WriteFlags(writer, options);
        }

        writer.WriteEndObject();
    }

    private async Task SubscribeWhenConnectedAsync(CancellationToken cancel)
    {
        var subscriber = _redis.GetSubscriber();
        while (!cancel.IsCancellationRequested)
        {
            if (_redis.IsConnected)
            {
                try
                {
                    (await subscriber.SubscribeAsync(RedisChannel.Pattern(_channel + "*")).ConfigureAwait(false)).OnMessage(OnBroadcast);
                    foreach (var channel in new[] { _requestChannel, _responseChannel, _specificResponseChannel })
                    {
                        (await subscriber.SubscribeAsync(channel).ConfigureAwait(false)).OnMessage(OnRequest);
                    }

                    return;
                }
                catch (Exception error) when (error is RedisException or TimeoutException)
                {
                    _log.LogDebug(error, "Subscribing failed; retrying");
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
}
