using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Switchboard.SocketIO.Redis;

/// <summary>The request/answer side of the adapter (pub/sub, as in Node): fetch sockets and server-side emits.</summary>
public sealed partial class RedisStreamsAdapter
{
    /// <inheritdoc/>
    public override async ValueTask<IReadOnlyList<RemoteSocket>> FetchClusterSocketsAsync(BroadcastOptions options, TimeSpan timeout)
    {
        var local = await base.FetchClusterSocketsAsync(options, timeout).ConfigureAwait(false);
        if (options.Local)
        {
            return local;
        }

        var answers = await RequestAsync(ClusterMessage.FetchSockets, writer => ClusterMessage.WriteOptions(writer, options), timeout).ConfigureAwait(false);
        var all = new List<RemoteSocket>(local);
        foreach (var answer in answers)
        {
            if (!answer.TryGetProperty("sockets", out var sockets) || sockets.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var socket in sockets.EnumerateArray())
            {
                all.Add(new RemoteSocket(
                    socket.GetProperty("id").GetString()!,
                    [.. ClusterMessage.Strings(socket, "rooms")],
                    socket.TryGetProperty("data", out var data) ? data.Clone() : default,
                    socket.TryGetProperty("handshake", out var handshake) ? handshake.Clone() : default));
            }
        }

        return all;
    }

    /// <inheritdoc/>
    public override async ValueTask<IReadOnlyList<JsonElement>> ServerSideEmitAsync(JsonElement packet, bool expectAcks, TimeSpan timeout)
    {
        if (!expectAcks)
        {
            Publish(_publicChannel, ClusterMessage.PubSub(Uid, Namespace.Name, ClusterMessage.ServerSideEmit, writer =>
            {
                writer.WriteStartObject();
                writer.WritePropertyName("packet");
                packet.WriteTo(writer);
                writer.WriteEndObject();
            }));
            return [];
        }

        var answers = await RequestAsync(ClusterMessage.ServerSideEmit, writer =>
        {
            writer.WritePropertyName("packet");
            packet.WriteTo(writer);
        }, timeout).ConfigureAwait(false);
        return [.. answers.Select(a => a.TryGetProperty("packet", out var value) ? value.Clone() : default)];
    }

    /// <summary>Publishes a request to every other node and waits for one answer from each (<see cref="ClusterRequests"/>).</summary>
    private Task<List<JsonElement>> RequestAsync(int type, Action<Utf8JsonWriter> writeFields, TimeSpan timeout) =>
        _requests.AskAsync(_publicChannel, requestId => Publish(_publicChannel, ClusterMessage.PubSub(Uid, Namespace.Name, type, writer =>
        {
            writer.WriteStartObject();
            writeFields(writer);
            writer.WriteString("requestId", requestId);
            writer.WriteEndObject();
        })), timeout);

    private void Publish(RedisChannel channel, byte[] message)
    {
        if (!_factory.Redis.IsConnected)
        {
            return;
        }

        try
        {
            _factory.Redis.GetSubscriber().Publish(channel, message, CommandFlags.FireAndForget);
        }
        catch (Exception error) when (error is RedisException or ObjectDisposedException)
        {
            _log.LogDebug(error, "Publishing on {Channel} failed", channel);
        }
    }

    private void OnPubSub(ChannelMessage message)
    {
        try
        {
            var decoded = MsgPackJson.ToJson((byte[])message.Message!);
            var uid = decoded.GetProperty("uid").GetString();
            if (uid == Uid || decoded.GetProperty("nsp").GetString() != Namespace.Name)
            {
                return;
            }

            var type = decoded.GetProperty("type").GetInt32();
            decoded.TryGetProperty("data", out var data);
            switch (type)
            {
                case ClusterMessage.FetchSockets:
                    AnswerFetchSockets(uid!, data);
                    break;
                case ClusterMessage.ServerSideEmit:
                    OnServerSideEmit(uid!, data);
                    break;
                case ClusterMessage.Broadcast when data.TryGetProperty("requestId", out _):
                    AnswerBroadcastWithAck(uid!, data);
                    break;
                case ClusterMessage.BroadcastClientCount:
                case ClusterMessage.BroadcastAck:
                    OnBroadcastAckResponse(type, data);
                    break;
                case ClusterMessage.FetchSocketsResponse:
                case ClusterMessage.ServerSideEmitResponse:
                    _requests.OnAnswer(data);
                    break;
            }
        }
        catch (Exception error)
        {
            _log.LogWarning(error, "Ignored a message on {Channel} that could not be applied", message.Channel);
        }
    }

    private void AnswerFetchSockets(string requester, JsonElement data)
    {
        var options = ClusterMessage.ReadOptions(data);
        var sockets = CollectLocal(options).Select(s => RemoteSocket.From(s, Namespace.Server.Options.SerializerOptions)).ToList();
        Respond(requester, ClusterMessage.FetchSocketsResponse, writer =>
        {
            writer.WriteString("requestId", data.GetProperty("requestId").GetString());
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
    }

    private void OnServerSideEmit(string requester, JsonElement data)
    {
        var packet = data.GetProperty("packet").Clone();
        Func<object?, ValueTask>? ack = null;
        if (data.TryGetProperty("requestId", out var id) && id.GetString() is { } requestId)
        {
            ack = value =>
            {
                var answer = JsonSerializer.SerializeToElement(value, Namespace.Server.Options.SerializerOptions);
                Respond(requester, ClusterMessage.ServerSideEmitResponse, writer =>
                {
                    writer.WriteString("requestId", requestId);
                    writer.WritePropertyName("packet");
                    answer.WriteTo(writer);
                });
                return ValueTask.CompletedTask;
            };
        }

        Namespace.OnServerSideEmitReceived(packet, ack);
    }

    private void Respond(string requester, int type, Action<Utf8JsonWriter> writeFields)
    {
        var channel = RedisChannel.Literal($"{_options.ChannelPrefix}#{Namespace.Name}#{requester}#");
        Publish(channel, ClusterMessage.PubSub(Uid, Namespace.Name, type, writer =>
        {
            writer.WriteStartObject();
            writeFields(writer);
            writer.WriteEndObject();
        }));
    }

    /// <summary>Subscribes the public and private channels once Redis is reachable; StackExchange.Redis restores them after reconnects.</summary>
    private async Task SubscribeWhenConnectedAsync(CancellationToken cancel)
    {
        var subscriber = _factory.Redis.GetSubscriber();
        while (!cancel.IsCancellationRequested)
        {
            if (_factory.Redis.IsConnected)
            {
                try
                {
                    (await subscriber.SubscribeAsync(_publicChannel).ConfigureAwait(false)).OnMessage(OnPubSub);
                    (await subscriber.SubscribeAsync(_privateChannel).ConfigureAwait(false)).OnMessage(OnPubSub);
                    return;
                }
                catch (Exception error) when (error is RedisException or TimeoutException)
                {
                    _log.LogDebug(error, "Subscribing to {Channel} failed; retrying", _publicChannel);
                    try
                    {
                        await subscriber.UnsubscribeAsync(_publicChannel).ConfigureAwait(false);
                        await subscriber.UnsubscribeAsync(_privateChannel).ConfigureAwait(false);
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
        ValueTask.FromException<IReadOnlySet<string>>(new NotSupportedException($"{nameof(RedisStreamsAdapter)} cannot list the rooms of every node; use {nameof(NodeRedisAdapter)} for allRooms."));
}
