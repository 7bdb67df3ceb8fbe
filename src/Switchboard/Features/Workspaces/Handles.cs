using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Features.Workspaces;

/// <summary>URL-safe workspace handles: "Acme Support!" → "acme-support".</summary>
public static class Handles
{
    public static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-' && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
                slug.Append('-');
            if (slug.Length >= 60) break;
        }
        var text = slug.ToString().Trim('-');
        return text.Length == 0 ? "workspace" : text;
    }

    public static string WithSuffix(string slug) =>
        $"{slug}-{RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 6)}";
}
