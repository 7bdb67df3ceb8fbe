using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Auth;

/// <summary>
/// The one-time codes that get someone in without their phone: 16 characters of base32 (80 random bits), shown
/// as xxxx-xxxx-xxxx-xxxx. That is far beyond guessing online and too much to reverse from an unsalted SHA-256
/// offline, so a fast hash is enough (no password-hasher turn per code at sign-in).
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int Length = 16;

    public static string New()
    {
        var raw = RandomNumberGenerator.GetString(Alphabet, Length);
        return string.Join('-', raw.Chunk(4).Select(c => new string(c)));
    }

    /// <summary>What a person typed, in the stored form: dashes and spaces dropped, lower case; null if it cannot be a code.</summary>
    public static string? Normalize(string typed)
    {
        var text = new string(typed.Where(c => c != '-' && !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();
        return text.Length == Length && text.All(c => Alphabet.Contains(c)) ? text : null;
    }

    public static string Hash(string normalized) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(normalized)));
}
