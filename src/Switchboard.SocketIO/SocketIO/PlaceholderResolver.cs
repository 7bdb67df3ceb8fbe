using System.Buffers;
using System.Text.Json;

namespace Switchboard.SocketIO;

/// <summary>
/// Turns a decoded payload array into handler arguments: a top-level placeholder becomes its byte[];
/// a nested one becomes a base64 string so that <c>Get&lt;T&gt;</c> still binds it to a byte[] property.
/// </summary>
internal static class PlaceholderResolver
{
    public static bool TryResolve(JsonElement array, int skip, IReadOnlyList<byte[]> buffers, out object?[] args)
    {
        var count = array.GetArrayLength() - skip;
        args = count <= 0 ? [] : new object?[count];
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (skip > 0)
            {
                skip--;
                continue;
            }

            if (buffers.Count == 0)
            {
                args[index++] = element;
                continue;
            }

            if (IsPlaceholder(element, out var num))
            {
                if (num < 0 || num >= buffers.Count)
                {
                    return false;
                }

                args[index++] = buffers[num];
                continue;
            }

            if (!ContainsPlaceholder(element))
            {
                args[index++] = element;
                continue;
            }

            var writer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(writer))
            {
                try
                {
                    if (!TryRewrite(element, buffers, json))
                    {
                        return false;
                    }
                }
                catch (Exception error) when (error is InvalidOperationException or ArgumentException)
                {
                    // A property name whose escapes are not valid UTF-16 (a lone surrogate) cannot be read or
                    // written back: the packet is refused like any other malformed one.
                    return false;
                }
            }

            args[index++] = JsonSerializer.Deserialize<JsonElement>(writer.WrittenSpan);
        }

        return true;
    }

    private static bool IsPlaceholder(JsonElement element, out int num)
    {
        num = -1;
        return element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty("_placeholder", out var flag) && flag.ValueKind == JsonValueKind.True
            && element.TryGetProperty("num", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out num);
    }

    private static bool ContainsPlaceholder(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => IsPlaceholder(element, out _) || element.EnumerateObject().Any(p => ContainsPlaceholder(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(ContainsPlaceholder),
        _ => false,
    };

    private static bool TryRewrite(JsonElement element, IReadOnlyList<byte[]> buffers, Utf8JsonWriter writer)
    {
        if (IsPlaceholder(element, out var num))
        {
            if (num < 0 || num >= buffers.Count)
            {
                return false;
            }

            writer.WriteBase64StringValue(buffers[num]);
            return true;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    if (!TryRewrite(property.Value, buffers, writer))
                    {
                        return false;
                    }
                }

                writer.WriteEndObject();
                return true;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    if (!TryRewrite(item, buffers, writer))
                    {
                        return false;
                    }
                }

                writer.WriteEndArray();
                return true;
            default:
                element.WriteTo(writer);
                return true;
        }
    }
}
