using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Primitives;

namespace Switchboard.SocketIO.EngineIO;

/// <summary>
/// The headers or query of a handshake, kept for the session's whole life: one array of pairs searched in order
/// instead of a dictionary (whose buckets and entries cost ~300 bytes more per session for the handful of
/// values a handshake carries), with the usual values shared rather than copied per session.
/// </summary>
internal sealed class HandshakeValues : IReadOnlyDictionary<string, StringValues>
{
    // Values most handshakes repeat (WebSocket upgrade headers, Engine.IO's query): one shared string each.
    private static readonly string[] Common = ["4", "websocket", "polling", "Upgrade", "upgrade", "13", "keep-alive", "Keep-Alive", "close", "no-cache", "*/*", "gzip, deflate"];

    private readonly KeyValuePair<string, StringValues>[] _items;
    private readonly StringComparer _comparer;

    public HandshakeValues(IEnumerable<KeyValuePair<string, StringValues>> source, StringComparer comparer)
    {
        _comparer = comparer;
        var items = new List<KeyValuePair<string, StringValues>>();
        foreach (var (key, values) in source)
        {
            items.Add(new(key, Share(values)));
        }

        _items = [.. items];
    }

    public int Count => _items.Length;

    public IEnumerable<string> Keys => _items.Select(i => i.Key);

    public IEnumerable<StringValues> Values => _items.Select(i => i.Value);

    public StringValues this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No value named '{key}'.");

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out StringValues value)
    {
        foreach (var item in _items)
        {
            if (_comparer.Equals(item.Key, key))
            {
                value = item.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    public IEnumerator<KeyValuePair<string, StringValues>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, StringValues>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static StringValues Share(StringValues values)
    {
        if (values.Count != 1)
        {
            return values;
        }

        var value = values[0];
        foreach (var common in Common)
        {
            if (string.Equals(value, common, StringComparison.Ordinal))
            {
                return common;
            }
        }

        return values;
    }
}
