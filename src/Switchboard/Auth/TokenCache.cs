using System.Collections.Concurrent;
using Switchboard.Cluster;
using Switchboard.Domain;

namespace Switchboard.Auth;

/// <summary>
/// Tokens checked recently (id → the row), so an authenticated request need not read api_tokens each time;
/// the secret is still hashed and compared on every request. <see cref="TokenRevocation"/> removes the entry
/// once the deletion has committed (on every node of a cluster) and before the revoking request is answered,
/// so a revoked token fails on the very next request. A lookup that raced with a revoke is never cached (the
/// generation check under the lock). In a cluster entries also live at most one second, in case a node missed
/// the eviction (Redis unreachable); off when <c>Auth:TokenCacheSeconds</c> is 0.
/// </summary>
public sealed class TokenCache
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<long, Entry> _entries = new();
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private long _generation;

    private sealed record Entry(ApiToken Token, byte[] SecretHash, DateTimeOffset Expires);

    public TokenCache(IConfiguration config, TimeProvider time, ClusterOptions? cluster = null)
    {
        _time = time;
        _lifetime = TimeSpan.FromSeconds(config.GetValue("Auth:TokenCacheSeconds", 60));
        // In a cluster the revoking node tells every other one (TokenRevocation); should a node miss that (Redis
        // down for a moment), entries live one second at most, so it refuses a revoked token within that time.
        if (cluster?.Clustered == true && _lifetime > TimeSpan.FromSeconds(1)) _lifetime = TimeSpan.FromSeconds(1);
        Enabled = _lifetime > TimeSpan.Zero;
    }

    public bool Enabled { get; }

    /// <summary>Read before the database lookup and handed back to <see cref="Add"/>.</summary>
    public long Generation => Volatile.Read(ref _generation);

    public bool TryGet(long id, out ApiToken token, out byte[] secretHash)
    {
        if (Enabled && _entries.TryGetValue(id, out var entry) && entry.Expires > _time.GetUtcNow())
        {
            token = entry.Token;
            secretHash = entry.SecretHash;
            return true;
        }
        token = null!;
        secretHash = null!;
        return false;
    }

    /// <summary>Caches a row read from the database, unless a revoke happened since <paramref name="generation"/>.</summary>
    public void Add(ApiToken token, byte[] secretHash, long generation)
    {
        if (!Enabled) return;
        lock (_gate)
        {
            if (_generation != generation) return;
            if (_entries.Count >= MaxEntries) _entries.Clear();
            _entries[token.Id] = new Entry(token, secretHash, _time.GetUtcNow() + _lifetime);
        }
    }

    public void Remove(long id)
    {
        lock (_gate)
        {
            _generation++;
            _entries.TryRemove(id, out _);
        }
    }
}
