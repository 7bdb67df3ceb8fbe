using System.Text.RegularExpressions;

namespace Switchboard.Features.Scim;

/// <summary>
/// The one filter form identity providers use to find a resource before creating it: <c>attribute eq "value"</c>
/// (RFC 7644 §3.4.2.2). Which attributes may be filtered is the resource's choice; anything else is invalidFilter.
/// </summary>
public sealed record ScimFilter(string Attribute, string Value)
{
    private static readonly Regex Shape = new(@"^\s*(?<attr>[A-Za-z][\w.:]*)\s+eq\s+""(?<val>(?:[^""\\]|\\.)*)""\s*$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100));

    public static (ScimFilter? Filter, ScimError? Error) Parse(string? text, IReadOnlyCollection<string> allowed)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        var match = text.Length <= 1000 ? Shape.Match(text) : Match.Empty;
        if (!match.Success)
            return (null, ScimError.InvalidFilter($"Only filters of the form attribute eq \"value\" are supported, on {string.Join(", ", allowed)}"));
        var attribute = match.Groups["attr"].Value;
        var known = allowed.FirstOrDefault(a => a.Equals(attribute, StringComparison.OrdinalIgnoreCase));
        if (known is null) return (null, ScimError.InvalidFilter($"Filtering on {attribute} is not supported; use one of {string.Join(", ", allowed)}"));
        return (new ScimFilter(known, Regex.Unescape(match.Groups["val"].Value)), null);
    }
}
