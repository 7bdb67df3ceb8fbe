namespace Switchboard.Domain;

/// <summary>The lower-case names both wire faces use for the domain's enums, and their parsing.</summary>
public static class WireNames
{
    public static string Wire<T>(this T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>Parses only the exact lower-case names, so "Live", "1" or " live" are refused.</summary>
    public static bool TryParseWire<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(candidate.Wire(), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static string Choices<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Select(v => v.Wire()));
}
