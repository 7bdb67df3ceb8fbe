namespace Switchboard.Features.Scim;

/// <summary>startIndex (1-based; below 1 reads as 1) and count (0–200; absent: 100), as RFC 7644 §3.4.2.4 says.</summary>
public readonly record struct ScimPaging(int StartIndex, int Count)
{
    public const int MaxCount = 200;
    public const int DefaultCount = 100;

    public static (ScimPaging Paging, ScimError? Error) Parse(string? startIndex, string? count)
    {
        var start = 1;
        var size = DefaultCount;
        if (startIndex is not null)
        {
            if (!int.TryParse(startIndex, out start)) return (default, ScimError.InvalidValue("startIndex must be a whole number"));
            start = Math.Max(1, start);
        }
        if (count is not null)
        {
            if (!int.TryParse(count, out size)) return (default, ScimError.InvalidValue("count must be a whole number"));
            size = Math.Clamp(size, 0, MaxCount);
        }
        return (new ScimPaging(start, size), null);
    }

    public int Skip => StartIndex - 1;
}
