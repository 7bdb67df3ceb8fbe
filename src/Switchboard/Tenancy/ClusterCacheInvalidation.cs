using System.Text.Json;
using System.Text.Json.Serialization;
using Switchboard.SocketIO;

namespace Switchboard.Tenancy;

/// <summary>
/// Carries each committed <see cref="CacheChanges"/> to the other nodes of a cluster (the Socket.IO adapter's
/// server-side emit over Redis; on one node the in-memory adapter has no one to tell), where they void the same
/// entries a Redis hop after the commit. Not awaited by the writing request: a lost message leaves the other node
/// at most <c>Cache:Seconds</c> (1 s) behind, the cache's lifetime, as before this existed.
/// </summary>
public sealed class ClusterCacheInvalidation(SocketIOServer io, WorkspaceCache cache, ILogger<ClusterCacheInvalidation> log)
    : IHostedService
{
    public const string EventName = "switchboard:cache_changed";

    /// <summary>
    /// The wire form: {"all": "data"|"access"|null, "access": [ids], "data": [ids], "queue": [ids]}. A node of the
    /// release before "queue" ignores it: its routing view may then lag a conversation change by the cache's lifetime.
    /// </summary>
    private sealed record Message(
        [property: JsonPropertyName("all")] string? All,
        [property: JsonPropertyName("access")] Guid[] Access,
        [property: JsonPropertyName("data")] Guid[] Data,
        [property: JsonPropertyName("queue")] Guid[] Queue);

    public void Send(CacheChanges changes)
    {
        // Copied now: the caller clears its changes as soon as this returns.
        var message = new Message(changes.Everything?.ToString().ToLowerInvariant(),
            [.. changes.Ids.Where(c => c.Scope == CacheChanges.Scope.Access).Select(c => c.Id)],
            [.. changes.Ids.Where(c => c.Scope == CacheChanges.Scope.Data).Select(c => c.Id)],
            [.. changes.Ids.Where(c => c.Scope == CacheChanges.Scope.Queue).Select(c => c.Id)]);
        _ = SendAsync(message);
    }

    private async Task SendAsync(Message message)
    {
        try
        {
            await io.ServerSideEmitAsync(EventName, message);
        }
        catch (Exception error)
        {
            log.LogWarning(error, "Could not tell the other nodes which cached reads a change voided; they catch up within the cache's lifetime");
        }
    }

    /// <summary>Listens before the node serves requests.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        io.OnServerSideEmit(e =>
        {
            if (e.Name == EventName && e.Args.Count >= 1 && e.Args.GetJson(0) is { ValueKind: JsonValueKind.Object } json)
                Received(json).ApplyTo(cache);
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static CacheChanges Received(JsonElement json)
    {
        var changes = new CacheChanges();
        if (json.TryGetProperty("all", out var all) && all.ValueKind == JsonValueKind.String)
            changes.AddEverything(all.GetString() == "access" ? CacheChanges.Scope.Access : CacheChanges.Scope.Data);
        foreach (var (name, scope) in new[] { ("access", CacheChanges.Scope.Access), ("data", CacheChanges.Scope.Data), ("queue", CacheChanges.Scope.Queue) })
            if (json.TryGetProperty(name, out var ids) && ids.ValueKind == JsonValueKind.Array)
                foreach (var id in ids.EnumerateArray())
                    if (id.ValueKind == JsonValueKind.String && id.TryGetGuid(out var guid)) changes.Add(guid, scope);
        return changes;
    }
}
