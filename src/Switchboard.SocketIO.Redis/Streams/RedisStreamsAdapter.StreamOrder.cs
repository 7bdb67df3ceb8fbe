using Microsoft.Extensions.Logging;

namespace Switchboard.SocketIO.Redis;

/// <summary>
/// This node's own operations reach its sockets in stream order, interleaved with the other nodes' entries.
/// </summary>
/// <remarks>
/// Why: socket.io-client keeps only the offset of the last packet it received and, after a cut, is sent every
/// packet after it. Applied when its XADD answered, an own broadcast could reach a socket after a later entry
/// of another node that the reader had already delivered; the client then kept the older offset and got the
/// later packet a second time on recovery (seen in a rolling restart). So an own operation that the reader
/// will meet is applied when the reader meets it — from the operation kept here, or, when the reader is first
/// (its XADD answer is still on its way), from the entry as any other node reads it. While the reader is not
/// reading (before its first answer, or after a failure) own operations are applied at once, and the reader
/// skips them should it meet them later.
/// All state is guarded by <c>_order</c>.
/// </remarks>
public sealed partial class RedisStreamsAdapter
{
    private readonly Dictionary<string, AdapterOperation> _awaitingReader = new(StringComparer.Ordinal);
    private readonly HashSet<string> _appliedBeforeReader = new(StringComparer.Ordinal);
    private readonly HashSet<string> _appliedByReader = new(StringComparer.Ordinal);
    private bool _readerReading;

    /// <summary>Own operations appended and waiting for the reader to reach them (for tests and diagnostics).</summary>
    internal int AwaitingReader
    {
        get
        {
            lock (_order)
            {
                return _awaitingReader.Count;
            }
        }
    }

    /// <summary>Called under <c>_order</c>, in append order, once the operation's XADD answered (offset) or failed (null).</summary>
    private void ApplyInStreamOrder(AdapterOperation operation, string? offset)
    {
        if (offset is not null)
        {
            if (_appliedByReader.Remove(offset))
            {
                return;
            }

            if (_readerReading)
            {
                _awaitingReader[offset] = operation;
                return;
            }

            _appliedBeforeReader.Add(offset);
        }

        Apply(operation, offset);
    }

    /// <summary>
    /// The reader met an entry this node appended. False when it is already applied (or applied now from the
    /// kept operation); true when the caller must apply it from the entry, as another node would.
    /// </summary>
    private bool OwnEntryReached(string id)
    {
        lock (_order)
        {
            if (_appliedBeforeReader.Remove(id))
            {
                return false;
            }

            if (_awaitingReader.Remove(id, out var operation))
            {
                Apply(operation, id);
                return false;
            }

            _appliedByReader.Add(id);
            return true;
        }
    }

    /// <summary>The reader got an answer and has handed over every entry up to <paramref name="lastId"/> (null: none yet).</summary>
    internal void OnReaderReading(string? lastId)
    {
        lock (_order)
        {
            _readerReading = true;
            if (lastId is not null && _appliedBeforeReader.Count > 0)
            {
                // Entries up to lastId that the reader did not meet are older than where it started: it never will.
                _appliedBeforeReader.RemoveWhere(id => StreamIds.Compare(id, lastId) <= 0);
            }
        }
    }

    /// <summary>The reader failed: what waits for it is applied now (in stream order), and so is what comes until it reads again.</summary>
    internal void OnReaderFailed()
    {
        lock (_order)
        {
            _readerReading = false;
            if (_awaitingReader.Count == 0)
            {
                return;
            }

            var waiting = _awaitingReader.ToList();
            _awaitingReader.Clear();
            waiting.Sort((a, b) => StreamIds.Compare(a.Key, b.Key));
            foreach (var (id, operation) in waiting)
            {
                _appliedBeforeReader.Add(id);
                try
                {
                    Apply(operation, id);
                }
                catch (Exception error)
                {
                    _log.LogWarning(error, "Could not apply an operation on this server");
                }
            }
        }
    }
}
