using System.Collections.Concurrent;
using Switchboard.Operations;

namespace Switchboard.Tenancy;

/// <summary>
/// A short-lived cache of the reads nearly every request makes — who the caller is in which workspace, the
/// members list — so a warm request touches no database. Correctness comes from two rules:
/// <list type="bullet">
/// <item>Every write's rows are read as they are saved (<see cref="CacheInvalidationInterceptor"/>, an EF Core
/// interceptor: tracked rows and bulk statements alike), and once the transaction commits the versions of the
/// workspaces and users they concern are bumped — before the response leaves, whoever wrote the use case. An entry
/// is served only while the versions it was read under are current, and is stored only if they did not move while
/// it was being read. So this node never serves a read older than its own last change. The same changes go to the
/// other nodes of a cluster (<see cref="ClusterCacheInvalidation"/>), which apply them a Redis hop later.</item>
/// <item>Every entry expires after <c>Cache:Seconds</c> (1 s): a change made on another node whose message was lost,
/// or straight in the database, is seen within that time.</item>
/// </list>
/// Two kinds of entry: <em>access</em> entries (the caller: who they are, their role, the workspace's plan and
/// settings) and <em>data</em> entries (the members list and other reads). A change to who may do what
/// (<see cref="Invalidate"/>) voids both; a change only to the data those reads show — a status, an assignment —
/// (<see cref="InvalidateData"/>) voids the data entries and leaves the callers, so a busy workspace's writes
/// do not send every request of that workspace back to the database to learn who its caller is. A change only to a
/// workspace's conversations (<see cref="InvalidateQueue"/>) voids only the entries stored as reading them (the routing
/// view's queue), so assignments leave the members list cached.
/// Bounded: at most <c>Cache:MaxEntries</c> (20,000) entries and <c>Cache:MaxMegabytes</c> (64 MB) of cached
/// bodies; past either, expired entries and then the oldest half are dropped.
/// </summary>
public sealed class WorkspaceCache
{
    private readonly ConcurrentDictionary<Guid, long> _versions = new();
    private readonly ConcurrentDictionary<Guid, long> _accessVersions = new();
    // A workspace's conversations (CacheChanges.Scope.Queue): checked only by entries that read them.
    private readonly ConcurrentDictionary<Guid, long> _queueVersions = new();
    private long _queueEpoch;
    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly int _maxEntries;
    private readonly long _maxBytes;
    private long _bytes;
    private long _epoch;
    private long _accessEpoch;
    // Bumped by a change that names no workspace (InvalidateEverything): data entries are read under _generation,
    // access entries under _accessGeneration, and served only while it has not moved.
    private long _generation;
    private long _accessGeneration;

    private sealed record Entry(object Value, bool Access, Guid Workspace, long WorkspaceVersion, Guid User, long UserVersion,
        long Generation, DateTimeOffset Expires, bool ReadsQueue = false, long QueueVersion = 0)
    {
        // A cached body counts its bytes; anything else (a caller) about what its few objects take.
        public long Size { get; } = Value is byte[] body ? body.Length + 200 : 600;
    }

    public WorkspaceCache(IConfiguration config, TimeProvider time)
    {
        _time = time;
        _lifetime = TimeSpan.FromSeconds(config.GetValue("Cache:Seconds", 1.0));
        _maxEntries = Math.Max(100, config.GetValue("Cache:MaxEntries", 20_000));
        _maxBytes = Math.Max(1, config.GetValue("Cache:MaxMegabytes", 64)) * 1024L * 1024L;
    }

    public bool Enabled => _lifetime > TimeSpan.Zero;

    public int Count => _entries.Count;

    /// <summary>What the cached entries take, about (bodies counted by their bytes).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>
    /// Taken before the database read and handed back to <see cref="Set"/>: any change in between (of who may
    /// do what, for an <paramref name="access"/> read) voids the store. A read of the workspace's conversations
    /// (<paramref name="readsQueue"/>) is voided by their changes too: its stamp adds their epoch (both only grow, so
    /// the sum moves when either does).
    /// </summary>
    public long Stamp(bool access = false, bool readsQueue = false) =>
        access ? Volatile.Read(ref _accessEpoch)
        : Volatile.Read(ref _epoch) + (readsQueue ? Volatile.Read(ref _queueEpoch) : 0);

    private long QueueVersionOf(Guid workspace) => _queueVersions.TryGetValue(workspace, out var version) ? version : 0;

    private long GenerationOf(bool access) => access ? Volatile.Read(ref _accessGeneration) : Volatile.Read(ref _generation);

    private long VersionOf(Guid id, bool access) =>
        (access ? _accessVersions : _versions).TryGetValue(id, out var v) ? v : 0;

    public bool TryGet<T>(string key, out T value) where T : class
    {
        if (Enabled && _entries.TryGetValue(key, out var e) && e.Expires > _time.GetUtcNow()
            && VersionOf(e.Workspace, e.Access) == e.WorkspaceVersion && VersionOf(e.User, e.Access) == e.UserVersion
            && GenerationOf(e.Access) == e.Generation
            && (!e.ReadsQueue || QueueVersionOf(e.Workspace) == e.QueueVersion)
            && e.Value is T found)
        {
            value = found;
            Telemetry.CacheHits.Add(1);
            return true;
        }
        value = null!;
        if (Enabled) Telemetry.CacheMisses.Add(1);
        return false;
    }

    /// <summary>
    /// Stores a read about <paramref name="workspace"/> (and <paramref name="user"/>), unless anything at all
    /// changed since <paramref name="stamp"/>: then the read may predate the change, and it is not kept.
    /// An <paramref name="access"/> entry (a caller) is voided only by changes of who may do what.
    /// </summary>
    public void Set(string key, object value, long stamp, Guid workspace, Guid user = default, bool access = false,
        bool readsQueue = false)
    {
        if (!Enabled) return;
        var entry = new Entry(value, access, workspace, VersionOf(workspace, access), user, VersionOf(user, access),
            GenerationOf(access), _time.GetUtcNow() + _lifetime, readsQueue,
            readsQueue ? QueueVersionOf(workspace) : 0);
        if (Stamp(access, readsQueue) != stamp) return;
        if (_entries.Count >= _maxEntries || Bytes + entry.Size > _maxBytes) Trim();
        if (entry.Size > _maxBytes / 4) return; // one entry never takes the cache over
        _entries.AddOrUpdate(key, k => Added(entry), (k, old) => Replaced(old, entry));
        // A change that slipped in between the check and the store leaves an entry under old versions: never served.
    }

    /// <summary>Something about this workspace or user changed, maybe who may do what: every entry read before is stale.</summary>
    public void Invalidate(Guid id)
    {
        if (id == Guid.Empty) return;
        Telemetry.CacheInvalidations.Add(1, new KeyValuePair<string, object?>("scope", "access"));
        // Epochs first: a read racing this change either sees its epoch move (and is not stored) or is stored
        // under the version before this bump (and is never served).
        Interlocked.Increment(ref _accessEpoch);
        Interlocked.Increment(ref _epoch);
        _accessVersions.AddOrUpdate(id, 1, (_, v) => v + 1);
        _versions.AddOrUpdate(id, 1, (_, v) => v + 1);
    }

    /// <summary>Only what this workspace's reads show changed (a status, an assignment): data entries are stale, callers are not.</summary>
    public void InvalidateData(Guid id)
    {
        if (id == Guid.Empty) return;
        Telemetry.CacheInvalidations.Add(1, new KeyValuePair<string, object?>("scope", "data"));
        Interlocked.Increment(ref _epoch);
        _versions.AddOrUpdate(id, 1, (_, v) => v + 1);
    }

    /// <summary>Only this workspace's conversations changed (an assignment, a new conversation): reads that count them are stale.</summary>
    public void InvalidateQueue(Guid id)
    {
        if (id == Guid.Empty) return;
        Telemetry.CacheInvalidations.Add(1, new KeyValuePair<string, object?>("scope", "queue"));
        Interlocked.Increment(ref _queueEpoch);
        _queueVersions.AddOrUpdate(id, 1, (_, v) => v + 1);
    }

    /// <summary>
    /// A change that names no workspace (an account shown in every members list it is in, a bulk statement): every
    /// data entry is stale, and with <paramref name="access"/> every caller too.
    /// </summary>
    public void InvalidateEverything(bool access)
    {
        Telemetry.CacheInvalidations.Add(1, new KeyValuePair<string, object?>("scope", access ? "all-access" : "all-data"));
        if (access) Interlocked.Increment(ref _accessEpoch);
        Interlocked.Increment(ref _epoch);
        if (access) Interlocked.Increment(ref _accessGeneration);
        Interlocked.Increment(ref _generation);
    }

    private Entry Added(Entry entry)
    {
        Interlocked.Add(ref _bytes, entry.Size);
        return entry;
    }

    private Entry Replaced(Entry old, Entry entry)
    {
        Interlocked.Add(ref _bytes, entry.Size - old.Size);
        return entry;
    }

    private void Remove(string key)
    {
        if (_entries.TryRemove(key, out var gone)) Interlocked.Add(ref _bytes, -gone.Size);
    }

    private void Trim()
    {
        var now = _time.GetUtcNow();
        foreach (var (key, entry) in _entries)
            if (entry.Expires <= now) Remove(key);
        if (_entries.Count < _maxEntries / 2 && Bytes < _maxBytes / 2) return;
        foreach (var key in _entries.OrderBy(e => e.Value.Expires).Take(_entries.Count / 2 + 1).Select(e => e.Key).ToList())
            Remove(key);
    }
}
