namespace Switchboard.SocketIO.EngineIO;

/// <summary>
/// Admission control for new sessions: a global session cap, a per-address session cap and a per-address
/// handshake rate (token bucket). Admitting reserves a session slot that <see cref="Release"/> gives back
/// when the session ends.
/// </summary>
internal sealed class HandshakeLimiter
{
    private const int MinPruneThreshold = 1024;

    private readonly EngineIOOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _sync = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _sessions;
    private int _pruneAt = MinPruneThreshold;
    private long _lastPrune;

    public HandshakeLimiter(EngineIOOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _lastPrune = time.GetTimestamp();
    }

    public enum Refusal
    {
        None,
        HandshakeRate,
        AddressSessions,
        Sessions,
    }

    /// <summary>Number of tracked addresses (for tests and diagnostics).</summary>
    public int TrackedAddresses
    {
        get
        {
            lock (_sync)
            {
                return _entries.Count;
            }
        }
    }

    public Refusal TryAdmit(string? key, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        var rate = _options.MaxHandshakesPerAddress;
        var perAddress = _options.MaxSessionsPerAddress;
        var max = _options.MaxSessions;
        lock (_sync)
        {
            Entry? entry = null;
            if (key is not null && (rate > 0 || perAddress > 0))
            {
                var now = _time.GetTimestamp();
                // When the table doubles, and once per window at least.
                if (_entries.Count >= _pruneAt || (_entries.Count > 0 && _time.GetElapsedTime(_lastPrune, now) >= _options.HandshakeRateWindow))
                {
                    Prune(now);
                }

                if (!_entries.TryGetValue(key, out entry))
                {
                    entry = new Entry { Tokens = rate, Updated = now };
                    _entries[key] = entry;
                }

                if (rate > 0)
                {
                    var perSecond = rate / Math.Max(0.001, _options.HandshakeRateWindow.TotalSeconds);
                    var elapsed = _time.GetElapsedTime(entry.Updated, now).TotalSeconds;
                    entry.Tokens = Math.Min(rate, entry.Tokens + (elapsed * perSecond));
                    entry.Updated = now;
                    if (entry.Tokens < 1)
                    {
                        retryAfter = TimeSpan.FromSeconds(Math.Ceiling((1 - entry.Tokens) / perSecond));
                        return Refusal.HandshakeRate;
                    }

                    entry.Tokens -= 1;
                }

                if (perAddress > 0 && entry.Sessions >= perAddress)
                {
                    return Refusal.AddressSessions;
                }
            }

            if (max > 0 && _sessions >= max)
            {
                return Refusal.Sessions;
            }

            _sessions++;
            if (entry is not null)
            {
                entry.Sessions++;
            }

            return Refusal.None;
        }
    }

    public void Release(string? key)
    {
        lock (_sync)
        {
            _sessions--;
            if (key is not null && _entries.TryGetValue(key, out var entry))
            {
                entry.Sessions--;
            }
        }
    }

    /// <summary>Forgets addresses with no session whose bucket has refilled: they are as good as new.</summary>
    private void Prune(long now)
    {
        var window = _options.HandshakeRateWindow;
        List<string>? idle = null;
        foreach (var (key, entry) in _entries)
        {
            if (entry.Sessions <= 0 && _time.GetElapsedTime(entry.Updated, now) >= window)
            {
                (idle ??= []).Add(key);
            }
        }

        if (idle is not null)
        {
            foreach (var key in idle)
            {
                _entries.Remove(key);
            }
        }

        _pruneAt = Math.Max(MinPruneThreshold, _entries.Count * 2);
        _lastPrune = now;
    }

    private sealed class Entry
    {
        public int Sessions;
        public double Tokens;
        public long Updated;
    }
}
