using System.Globalization;
using System.Net;

namespace Switchboard.Email.Templates;

/// <summary>The small pieces every template needs: escaping, a subject line, dates, a button.</summary>
internal static class MailText
{
    /// <summary>
    /// A user-chosen name as mail may show it: no control characters, no bidi overrides or other format
    /// characters (U+202E would make "gpj.exe" read "exe.jpg"), no line separators; runs of spaces collapsed.
    /// </summary>
    public static string Plain(string text)
    {
        var kept = new System.Text.StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var category = System.Text.Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate)
                kept.Append(' ');
            else kept.Append(rune.ToString());
        }
        return string.Join(' ', kept.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The longest a user-chosen name may run in a mail, in characters as a reader counts them.</summary>
    public const int NameLength = 60;

    /// <summary>
    /// A user-chosen name (workspace, inviter) as a mail shows it: <see cref="Plain"/>, then cut to
    /// <see cref="NameLength"/> with an ellipsis. A workspace name is text its creator picked, and it goes out in
    /// the subject of mail to strangers: without a cap a whole advert fits in it. Cut on whole text elements, so
    /// no emoji or accent is split in half.
    /// </summary>
    public static string Name(string text)
    {
        var plain = Plain(text);
        var info = new StringInfo(plain);
        if (info.LengthInTextElements <= NameLength) return plain;
        return info.SubstringByTextElements(0, NameLength - 1).TrimEnd() + "\u2026";
    }

    /// <summary>Names and addresses come from users: never markup.</summary>
    public static string Html(string text) => WebUtility.HtmlEncode(text);

    /// <summary>One line, no control characters: a name with a line break must not start a header.</summary>
    public static string Subject(string text)
    {
        var spaced = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        var line = string.Join(' ', spaced.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 200 ? line : line[..200];
    }

    public static string Date(DateTime utc) =>
        utc.ToString("dddd d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Page(string title, string body) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>{Html(title)}</title></head>
        <body style="font-family: -apple-system, Segoe UI, Helvetica, Arial, sans-serif; color: #1f2937; line-height: 1.5;">
        <div style="max-width: 560px; margin: 0 auto; padding: 24px;">
        {body}
        <p style="color: #6b7280; font-size: 12px; margin-top: 32px;">Sent by Switchboard.</p>
        </div>
        </body>
        </html>
        """;

    public static string Button(string href, string label) =>
        $"""<p><a href="{Html(href)}" style="display: inline-block; background: #2563eb; color: #ffffff; padding: 10px 18px; border-radius: 6px; text-decoration: none;">{Html(label)}</a></p>""";
}
