using System.Globalization;
using System.Net.Mail;
using System.Text;

namespace Switchboard.Domain;

/// <summary>
/// The one rule for email addresses: which spellings are accepted, and the normal form every comparison
/// and the users' unique index use. Both faces, the invite paths and the mail outbox take it from here.
/// </summary>
public static class EmailAddress
{
    /// <summary>
    /// A deliberately strict address check: one @, a dotted domain, no spaces, quotes or control characters
    /// (so nothing can smuggle a header into a mail).
    /// </summary>
    public static bool IsWellFormed(string text)
    {
        if (text.Length > 254 || text.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '"' or '<' or '>' or ',' or ';' or '\\' or '(' or ')'))
            return false;
        var at = text.IndexOf('@');
        if (at <= 0 || at != text.LastIndexOf('@') || at == text.Length - 1) return false;
        var domain = text[(at + 1)..];
        if (!domain.Contains('.') || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..")) return false;
        return MailAddress.TryCreate(text, out var parsed) && parsed.Address == text;
    }

    /// <summary>
    /// True when the address reads differently from its NFKC form: a Kelvin sign for a K, a full-width
    /// letter, a decomposed accent. Such a spelling looks like another person's address, so it is refused
    /// rather than silently folded; format characters (bidi controls, zero-width joiners) are refused too.
    /// </summary>
    public static bool HasLookAlikes(string text)
    {
        if (!text.IsNormalized(NormalizationForm.FormKC)) return true;
        foreach (var rune in text.EnumerateRunes())
            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned)
                return true;
        return false;
    }

    /// <summary>
    /// True when this process can normalise Unicode (ICU is loaded). Without it .NET leaves text unchanged,
    /// which would let look-alike addresses through, so the service refuses to start instead.
    /// </summary>
    public static bool NormalizationWorks => "\u212Aate".Normalize(NormalizationForm.FormKC) == "Kate";

    /// <summary>
    /// The comparison key: trimmed, NFKC, then case-folded (upper then lower, which folds the pairs that a
    /// single lower-casing misses, such as final sigma), then NFKC again because folding can denormalise.
    /// An address that cannot be normalised (a lone surrogate) keeps its lower-cased form: it never
    /// passed <see cref="IsWellFormed"/> anyway.
    /// </summary>
    public static string Normalize(string email)
    {
        var text = email.Trim();
        try
        {
            var folded = text.Normalize(NormalizationForm.FormKC).ToUpperInvariant().ToLowerInvariant();
            return folded.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return text.ToLowerInvariant();
        }
    }

    /// <summary>
    /// The mailbox an address delivers to, for counting mail per person: <see cref="Normalize"/>d, then any
    /// <c>+tag</c> cut from the local part, because most providers deliver <c>a+1@x.com</c> and <c>a+2@x.com</c> to
    /// one inbox and a cap per spelling would not protect it. Stricter than the provider may be (a domain without
    /// sub-addressing loses a real distinction), which only makes a limit count a little sooner.
    /// </summary>
    public static string MailboxKey(string email)
    {
        var key = Normalize(email);
        var at = key.LastIndexOf('@');
        if (at <= 0) return key;
        var plus = key.IndexOf('+');
        return plus >= 0 && plus < at ? key[..plus] + key[at..] : key;
    }
}
