using System.Text.RegularExpressions;

namespace Switchboard.Features.Scim;

/// <summary>
/// Attribute paths as identity providers send them, made comparable: the core schema's URN prefix dropped, case
/// ignored, a value filter kept apart (<c>emails[type eq "work"].value</c> → attribute "emails", sub "value",
/// filter <c>type eq "work"</c>; <c>members[value eq "id"]</c> → "members" with filter value "id").
/// </summary>
public sealed record ScimPath(string Attribute, string? Sub, string? FilterAttribute, string? FilterValue)
{
    private static readonly string[] CorePrefixes =
    [
        "urn:ietf:params:scim:schemas:core:2.0:User:",
        "urn:ietf:params:scim:schemas:core:2.0:Group:",
    ];

    public const string EnterprisePrefix = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static readonly Regex Shape = new(
        @"^(?<attr>[A-Za-z][\w$-]*)(\[\s*(?<fattr>[A-Za-z][\w.]*)\s+eq\s+""(?<fval>(?:[^""\\]|\\.)*)""\s*\])?(\.(?<sub>[A-Za-z][\w$-]*))?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100));

    /// <summary>The path read, or null when it is not one (the handler answers invalidPath).</summary>
    public static ScimPath? Parse(string text)
    {
        var path = text.Trim();
        foreach (var prefix in CorePrefixes)
            if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) path = path[prefix.Length..];
        // Attributes of extension schemas (enterprise: department, manager, …) are accepted and not kept.
        if (path.StartsWith("urn:", StringComparison.OrdinalIgnoreCase)) return new ScimPath("urn", null, null, null);
        if (path.Length is 0 or > 200) return null;
        var match = Shape.Match(path);
        if (!match.Success) return null;
        return new ScimPath(
            match.Groups["attr"].Value.ToLowerInvariant(),
            match.Groups["sub"].Success ? match.Groups["sub"].Value.ToLowerInvariant() : null,
            match.Groups["fattr"].Success ? match.Groups["fattr"].Value.ToLowerInvariant() : null,
            match.Groups["fval"].Success ? Regex.Unescape(match.Groups["fval"].Value) : null);
    }

    /// <summary>"name.givenName" as one key, the way the attribute table names it.</summary>
    public string Key => Sub is null ? Attribute : $"{Attribute}.{Sub}";
}
