using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Switchboard.SocketIO.Redis;

/// <summary>
/// Broadcasts with acknowledgements across nodes, as Node's <c>ClusterAdapter</c> does them (so Node servers take
/// part): the asking node publishes the BROADCAST with a <c>requestId</c> on the public channel (pub/sub: never
/// stored, never replayed); each other node sends its matching sockets the event with an acknowledgement, answers
/// BROADCAST_CLIENT_COUNT with how many it reached, then one BROADCAST_ACK per answer, on the asker's channel.
/// </summary>
public sealed partial class RedisStreamsAdapter
{
    // How long a node waits for its sockets' answers when the asker gave no timeout (Node sends none then either).
    private static readonly TimeSpan DefaultRemoteAckTimeout = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (Action<int> OnNodeCount, Action<JsonElement> OnAnswer)> _ackRequests = new(StringComparer.Ordinal);
    private int _ackPacketIds;

    /// <inheritdoc/>
    public override async ValueTask<int> BroadcastWithAckToOthersAsync(JsonElement eventData, BroadcastOptions options, TimeSpan timeout,
        Action<int> onNodeCount, Action<JsonElement> onAnswer, CancellationToken done)
    {
        if (options.Local)
        {
            return 0;
        }

        var others = await _requests.OtherServersAsync(_publicChannel).ConfigureAwait(false);
        if (others <= 0)
        {
            return 0;
        }

        var requestId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 8));
        _ackRequests[requestId] = (onNodeCount, onAnswer);
        done.Register(() => _ackRequests.TryRemove(requestId, out _));
        var packetId = Interlocked.Increment(ref _ackPacketIds);
        Publish(_publicChannel, ClusterMessage.PubSub(Uid, Namespace.Name, ClusterMessage.Broadcast, writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("packet");
            writer.WriteStartObject();
            writer.WriteNumber("type", 2);
            writer.WritePropertyName("data");
            eventData.WriteTo(writer);
            writer.WriteString("nsp", Namespace.Name);
            writer.WriteNumber("id", packetId);
            writer.WriteEndObject();
            writer.WriteString("requestId", requestId);
            ClusterMessage.WriteOptions(writer, options, timeout);
            writer.WriteEndObject();
        }));
        return others;
    }

    /// <summary>Another node's broadcast with acknowledgements: sent to this node's matching sockets, counted, answered.</summary>
    private void AnswerBroadcastWithAck(string requester, JsonElement data)
    {
        var requestId = data.GetProperty("requestId").GetString()!;
        var options = ClusterMessage.ReadOptions(data);
        var timeout = ClusterMessage.AckTimeout(data.GetProperty("opts")) ?? DefaultRemoteAckTimeout;
        var eventData = data.GetProperty("packet").GetProperty("data");
        var eventName = eventData[0].GetString()!;
        var args = eventData.EnumerateArray().Skip(1).Select(a => (object?)a.Clone()).ToArray();
        var sockets = CollectLocal(options);
        Respond(requester, ClusterMessage.BroadcastClientCount, writer =>
        {
            writer.WriteString("requestId", requestId);
            writer.WriteNumber("clientCount", sockets.Count);
        });
        foreach (var socket in sockets)
        {
            _ = AnswerOneAsync(socket);
        }

        async Task AnswerOneAsync(Socket socket)
        {
            try
            {
                var answer = await socket.EmitWithAckAsync(eventName, timeout, args).ConfigureAwait(false);
                var first = answer.Count > 0 ? answer.GetJson(0) : default;
                Respond(requester, ClusterMessage.BroadcastAck, writer =>
                {
                    writer.WriteString("requestId", requestId);
                    writer.WritePropertyName("packet");
                    if (first.ValueKind == JsonValueKind.Undefined)
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        first.WriteTo(writer);
                    }
                });
            }
            catch (Exception error)
            {
                // No answer in time, or the socket left: the asker's timeout tells its caller.
                _log.LogDebug(error, "Socket {Id} did not acknowledge a broadcast of another node", socket.Id);
            }
        }
    }

    /// <summary>An answer to this node's broadcast with acknowledgements.</summary>
    private void OnBroadcastAckResponse(int type, JsonElement data)
    {
        if (!data.TryGetProperty("requestId", out var id) || !_ackRequests.TryGetValue(id.GetString() ?? string.Empty, out var request))
        {
            return;
        }

        if (type == ClusterMessage.BroadcastClientCount)
        {
            request.OnNodeCount(data.TryGetProperty("clientCount", out var count) && count.TryGetInt32(out var n) ? n : 0);
        }
        else
        {
            request.OnAnswer(data.TryGetProperty("packet", out var packet) ? packet.Clone() : default);
        }
    }
}
