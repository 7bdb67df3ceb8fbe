using System.Globalization;
using System.Text;

namespace Switchboard.Faces;

/// <summary>
/// Field rules shared by both faces, on top of <see cref="Input"/>: names that must show something, passwords,
/// and web addresses. Each failure is an ordinary <see cref="FieldError"/>, worded by the request's face.
/// </summary>
public static class InputRules
{
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 255;
    public const string BlankPassword = "must not consist only of spaces or invisible characters";
    public const string CommonPassword = "must not be a commonly used password";
    public const string NotWebUrl = "must be an absolute http(s) URL";

    /// <summary>
    /// A person's or a workspace's name: a string of at most <paramref name="max"/> characters with something
    /// visible in it (only spaces, bidi or other invisible format characters count as empty), returned trimmed.
    /// </summary>
    public static string? Name(this Input input, string field, int max = 255, bool required = true)
    {
        var text = input.String(field, required, max);
        if (text is null) return null;
        if (IsBlank(text))
        {
            input.Fail(field, FieldRule.MinLength, "1");
            return null;
        }
        return text.Trim();
    }

    /// <summary>
    /// A new password: 8 to 255 characters counted as Unicode code points (an emoji is one, not two UTF-16
    /// units), not only spaces or invisible characters, and not one of the most common passwords.
    /// </summary>
    public static string? Password(this Input input, string field)
    {
        var text = input.String(field, required: true, max: int.MaxValue);
        if (text is null) return null;
        var length = CodePoints(text);
        if (length > PasswordMaxLength) input.Fail(field, FieldRule.MaxLength, PasswordMaxLength.ToString());
        else if (length < PasswordMinLength) input.Fail(field, FieldRule.MinLength, PasswordMinLength.ToString());
        else if (IsBlank(text)) input.Fail(field, FieldRule.Custom, message: BlankPassword);
        else if (CommonPasswords.Contains(text)) input.Fail(field, FieldRule.Custom, message: CommonPassword);
        else return text;
        return null;
    }

    /// <summary>A web address (a website, a logo): absolute, http or https, with a host; returned normalized.</summary>
    public static string? Url(this Input input, string field, int max = 2048)
    {
        var text = input.String(field, max: max);
        if (text is null) return null;
        if (!TryWebUrl(text, out var url))
        {
            input.Fail(field, FieldRule.Custom, message: NotWebUrl);
            return null;
        }
        return url;
    }

    public static bool TryWebUrl(string text, out string url)
    {
        url = "";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
            return false;
        url = uri.AbsoluteUri;
        return true;
    }

    public static int CodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes()) count++;
        return count;
    }

    /// <summary>True when nothing in the text would show: whitespace, control and format characters (bidi
    /// controls, zero-width spaces and joiners) and the Hangul and Braille fillers.</summary>
    public static bool IsBlank(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune)) continue;
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format) continue;
            if (rune.Value is 0x034F or 0x115F or 0x1160 or 0x2800 or 0x3164 or 0xFFA0) continue;
            return false;
        }
        return true;
    }
}

/// <summary>The embedded list of the most common passwords (Faces/Resources/common-passwords.txt).</summary>
public static class CommonPasswords
{
    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    /// <summary>Compared case-insensitively and with full-width forms as ASCII, so "PASSWORD123" and "ｐａｓｓｗｏｒｄ１２３" count too.</summary>
    public static bool Contains(string password) => List.Value.Contains(Fold(password));

    /// <summary>
    /// Full-width ASCII (U+FF01–U+FF5E) to ASCII, then NFKC and lower case. The explicit mapping matters: the
    /// service runs with invariant globalization, where <see cref="string.Normalize(NormalizationForm)"/> leaves
    /// non-ASCII text unchanged.
    /// </summary>
    private static string Fold(string text)
    {
        var folded = string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = source[i] is >= '\uFF01' and <= '\uFF5E' ? (char)(source[i] - 0xFEE0) : source[i];
        });
        try
        {
            folded = folded.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // not normalizable: compare as given
        }
        return folded.ToLowerInvariant();
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("Switchboard.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-passwords resource is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && !line.StartsWith('#')) set.Add(Fold(line));
        return set;
    }
}
