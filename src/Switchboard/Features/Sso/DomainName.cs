using System.Globalization;
using System.Text.RegularExpressions;

namespace Switchboard.Features.Sso;

/// <summary>An email domain as typed by an owner, made canonical: trimmed, no trailing dot, IDNA (punycode), lower case.</summary>
public static partial class DomainName
{
    private static readonly IdnMapping Idn = new();

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$")]
    private static partial Regex Shape();

    /// <summary>The canonical name, or null when it is not a domain of at least two labels.</summary>
    public static string? Canonical(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 300) return null;
        var trimmed = text.Trim().TrimEnd('.');
        string ascii;
        try
        {
            ascii = Idn.GetAscii(trimmed).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
        return Shape().IsMatch(ascii) ? ascii : null;
    }
}
