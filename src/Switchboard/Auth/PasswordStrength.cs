using Microsoft.AspNetCore.Identity;
using Switchboard.Domain;

namespace Switchboard.Auth;

/// <summary>
/// Refuses the weakest new passwords — repeated characters, keyboard runs, common words with a digit, the
/// person's own name or address — by scoring them with zxcvbn (Dropbox's estimator, the zxcvbn-core port) and
/// refusing a score of 0 ("too guessable", under about a thousand guesses). The same rule on register, invite
/// accept, password reset and change. Scoring is CPU work that grows quickly with length, so only the first
/// <see cref="ScoredLength"/> characters are scored (a weak start is what a guesser tries), and it waits for a
/// turn at the password-hashing gate like a hash does, so a burst of long passwords cannot take every core.
/// </summary>
public static class PasswordStrength
{
    public const int ScoredLength = 40;

    public const string TooGuessable =
        "is too easy to guess: avoid repeated characters, keyboard patterns, a common word with a number, and your own name or email address";

    /// <summary>Null when the password may be used, else why not (a field message: "The password field …").</summary>
    public static async Task<string?> WeaknessAsync(IPasswordHasher<User> hasher, string password, IEnumerable<string?> personal,
        CancellationToken cancel = default)
    {
        var scored = password.Length > ScoredLength ? password[..ScoredLength] : password;
        var inputs = PersonalWords(personal);
        // The person's own address or name, whole, is never a password (however long, and so past what is scored).
        if (inputs.Contains(password.Trim().ToLowerInvariant())) return TooGuessable;
        var score = hasher is PasswordHashing gate
            ? await gate.RunAsync(() => Score(scored, inputs), cancel)
            : Score(scored, inputs);
        return score == 0 ? TooGuessable : null;
    }

    /// <summary>The person's own words, whole and in pieces: the address, its local part and domain, each word of a name.</summary>
    private static string[] PersonalWords(IEnumerable<string?> personal)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in personal)
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            var whole = text.Trim().ToLowerInvariant();
            words.Add(whole);
            foreach (var part in whole.Split('@', StringSplitOptions.RemoveEmptyEntries)) words.Add(part);
            foreach (var piece in whole.Split(['@', ' ', '.', '_', '-', '+'], StringSplitOptions.RemoveEmptyEntries)) words.Add(piece);
        }
        return [.. words];
    }

    private static int Score(string password, string[] inputs) => Zxcvbn.Zxcvbn.MatchPassword(password, inputs).Score;
}
