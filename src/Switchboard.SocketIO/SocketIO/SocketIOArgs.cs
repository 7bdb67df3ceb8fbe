using System.Collections;
using System.Text.Json;

namespace Switchboard.SocketIO;

/// <summary>
/// Arguments of an event or an acknowledgement. Each item is a <see cref="JsonElement"/>, or a
/// byte[] for a binary attachment.
/// </summary>
public sealed class SocketIOArgs : IReadOnlyList<object?>
{
    private readonly object?[] _items;
    private readonly JsonSerializerOptions _options;

    internal SocketIOArgs(object?[] items, JsonSerializerOptions options)
    {
        _items = items;
        _options = options;
    }

    /// <summary>No arguments.</summary>
    public static SocketIOArgs Empty { get; } = new([], JsonSerializerOptions.Web);

    /// <summary>How many arguments there are.</summary>
    public int Count => _items.Length;

    /// <summary>The argument at an index: a <see cref="System.Text.Json.JsonElement"/>, or a <c>byte[]</c> for a binary attachment.</summary>
    public object? this[int index] => _items[index];

    /// <summary>The argument as JSON (a byte[] argument is returned as a base64 string).</summary>
    public JsonElement GetJson(int index) => _items[index] switch
    {
        JsonElement element => element,
        byte[] bytes => JsonSerializer.SerializeToElement(bytes),
        null => default,
        var other => JsonSerializer.SerializeToElement(other, other.GetType(), _options),
    };

    /// <summary>Deserializes the argument with the server's serializer options.</summary>
    public T? Get<T>(int index)
    {
        var item = _items[index];
        if (item is T typed)
        {
            return typed;
        }

        return item is JsonElement element ? element.Deserialize<T>(_options) : GetJson(index).Deserialize<T>(_options);
    }

    /// <summary>The argument at an index as a string (null for JSON null).</summary>
    public string? GetString(int index) => _items[index] is JsonElement { ValueKind: JsonValueKind.String } element ? element.GetString() : null;

    /// <summary>The binary attachment at this position (or a base64 string decoded).</summary>
    public byte[] GetBytes(int index) => _items[index] switch
    {
        byte[] bytes => bytes,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetBytesFromBase64(),
        _ => throw new InvalidOperationException($"Argument {index} is not binary."),
    };

    /// <summary>A copy of the items, ready to be passed back to EmitAsync or AckAsync.</summary>
    public object?[] ToArray() => (object?[])_items.Clone();

    /// <inheritdoc/>
    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
