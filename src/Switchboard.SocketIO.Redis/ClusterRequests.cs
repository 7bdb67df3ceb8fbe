using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Switchboard.SocketIO.Redis;

/// <summary>
/// Requests to the other servers of a cluster and their answers, as Node's adapters make them (fetch sockets,
/// server-side emits with acks, allRooms): the other servers are counted with <c>PUBSUB NUMSUB</c> on a channel
/// every server subscribes, each answer finds its request by <c>requestId</c>, and a request completes when every
/// other server answered — or fails after its timeout with Node's words. Shared by both Node-compatible adapters,
/// which differ only in how a request is written and where it is published.
/// </summary>
internal sealed class ClusterRequests(IConnectionMultiplexer redis, ILogger log, TimeProvider time, int idBytes)
{
    private readonly ConcurrentDictionary<string, Request> _requests = new(StringComparer.Ordinal);

    private sealed class Request(int expected)
    {
        public int Expected { get; } = expected;

        public List<JsonElement> Answers { get; } = [];

        public TaskCompletionSource Completed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>How many servers besides this one subscribe <paramref name="channel"/>; 0 when Redis cannot say.</summary>
    public async Task<int> OtherServersAsync(RedisChannel channel)
    {
        if (!redis.IsConnected)
        {
            return 0;
        }

        try
        {
            var result = await redis.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", (string)channel!).ConfigureAwait(false);
            var parts = (RedisResult[])result!;
            return Math.Max(0, (parts.Length >= 2 ? (int)parts[1] : 0) - 1);
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            log.LogDebug(error, "Could not count the servers");
            return 0;
        }
    }

    /// <summary>
    /// Publishes a request (through <paramref name="publish"/>, given its new id) to the other servers that
    /// subscribe <paramref name="channel"/> and waits for one answer from each. No other server: no answers.
    /// </summary>
    public async Task<List<JsonElement>> AskAsync(RedisChannel channel, Action<string> publish, TimeSpan timeout)
    {
        var others = await OtherServersAsync(channel).ConfigureAwait(false);
        if (others <= 0)
        {
            return [];
        }

        var requestId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, idBytes));
        var request = new Request(others);
        _requests[requestId] = request;
        try
        {
            publish(requestId);
            try
            {
                await request.Completed.Task.WaitAsync(timeout, time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                int received;
                lock (request)
                {
                    received = request.Answers.Count;
                }

                throw new TimeoutException($"timeout reached: only {received} responses received out of {others}");
            }

            lock (request)
            {
                return [.. request.Answers];
            }
        }
        finally
        {
            _requests.TryRemove(requestId, out _);
        }
    }

    /// <summary>An answer from another server: counted for its request if that one is still waiting.</summary>
    public void OnAnswer(JsonElement answer)
    {
        if (!answer.TryGetProperty("requestId", out var id) || !_requests.TryGetValue(id.GetString() ?? string.Empty, out var request))
        {
            return;
        }

        lock (request)
        {
            request.Answers.Add(answer.Clone());
            if (request.Answers.Count >= request.Expected)
            {
                request.Completed.TrySetResult();
            }
        }
    }
}
