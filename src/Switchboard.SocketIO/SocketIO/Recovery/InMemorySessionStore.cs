namespace Switchboard.SocketIO;

/// <summary>
/// The single-node store of connection state recovery (Node: <c>SessionAwareAdapter</c>): the sessions of
/// disconnected sockets and every recoverable packet of the last <see cref="ConnectionStateRecoveryOptions.MaxDisconnectionDuration"/>.
/// Offsets are <c>{process prefix}-{counter}</c>: consecutive, so a lookup is an index computation, and an offset
/// from another process (before a restart) never matches.
/// </summary>
internal sealed class InMemorySessionStore
{
    private readonly Lock _sync = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxDisconnection;
    private readonly string _prefix = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 6));
    private readonly List<Entry> _packets = [];
    private readonly Dictionary<string, (SocketSession Session, DateTimeOffset DisconnectedAt)> _sessions = new(StringComparer.Ordinal);
    private readonly Queue<(string Pid, DateTimeOffset DisconnectedAt)> _expiries = new();
    private int _head;
    private long _next;

    public InMemorySessionStore(TimeProvider time, TimeSpan maxDisconnection)
    {
        _time = time;
        _maxDisconnection = maxDisconnection;
    }

    private readonly record struct Entry(long Counter, StoredPacket Packet, IReadOnlySet<string> Rooms, IReadOnlySet<string> Except, DateTimeOffset EmittedAt);

    /// <summary>
    /// Gives the packet the next offset, keeps it, and delivers it with <paramref name="deliver"/> while still
    /// holding the lock, so that the order of delivery is the order of the offsets.
    /// </summary>
    public void Append(EncodedPacket packet, BroadcastOptions options, Action<StoredPacket> deliver)
    {
        lock (_sync)
        {
            var now = _time.GetUtcNow();
            Trim(now);
            var counter = _next++;
            var offset = $"{_prefix}-{counter}";
            var stored = new StoredPacket(offset, RecoveryOffsets.Append(packet, offset));
            _packets.Add(new Entry(counter, stored, options.Rooms, options.Except, now));
            deliver(stored);
        }
    }

    public void Persist(SocketSession session)
    {
        lock (_sync)
        {
            var now = _time.GetUtcNow();
            Trim(now);
            _sessions[session.Pid] = (session, now);
            _expiries.Enqueue((session.Pid, now));
        }
    }

    /// <summary>The session (then removed: a session is restored once) and what it missed; null when expired or the offset is gone.</summary>
    public RestoredSession? Restore(string pid, string offset)
    {
        lock (_sync)
        {
            Trim(_time.GetUtcNow());
            if (!_sessions.TryGetValue(pid, out var found))
            {
                return null;
            }

            // An unknown offset leaves the session alone (as Node's in-memory adapter does); a restore uses it up.
            var missed = After(found.Session.Rooms, offset);
            if (missed is null)
            {
                return null;
            }

            _sessions.Remove(pid);
            return new RestoredSession(found.Session, missed);
        }
    }

    public IReadOnlyList<StoredPacket> PacketsAfter(IReadOnlyCollection<string> rooms, string offset)
    {
        lock (_sync)
        {
            return After(rooms, offset) ?? [];
        }
    }

    private List<StoredPacket>? After(IReadOnlyCollection<string> rooms, string offset)
    {
        var dash = offset.LastIndexOf('-');
        if (dash <= 0 || !offset.AsSpan(0, dash).SequenceEqual(_prefix) || !long.TryParse(offset.AsSpan(dash + 1), out var counter))
        {
            return null;
        }

        if (_head == _packets.Count)
        {
            // Nothing kept: the offset must be the last one given out (nothing was sent since).
            return counter == _next - 1 ? [] : null;
        }

        var first = _packets[_head].Counter;
        if (counter < first - 1 || counter >= _next)
        {
            // Too old (trimmed) or never given out.
            return null;
        }

        var missed = new List<StoredPacket>();
        for (var i = _head + (int)(counter + 1 - first); i < _packets.Count; i++)
        {
            var entry = _packets[i];
            if (RecoveryOffsets.ShouldInclude(rooms, entry.Rooms, entry.Except))
            {
                missed.Add(entry.Packet);
            }
        }

        return missed;
    }

    private void Trim(DateTimeOffset now)
    {
        var threshold = now - _maxDisconnection;
        while (_head < _packets.Count && _packets[_head].EmittedAt < threshold)
        {
            _packets[_head++] = default;
        }

        if (_head > 1024 && _head * 2 > _packets.Count)
        {
            _packets.RemoveRange(0, _head);
            _head = 0;
        }

        while (_expiries.TryPeek(out var next) && next.DisconnectedAt < threshold)
        {
            _expiries.Dequeue();
            if (_sessions.TryGetValue(next.Pid, out var current) && current.DisconnectedAt == next.DisconnectedAt)
            {
                _sessions.Remove(next.Pid);
            }
        }
    }
}
