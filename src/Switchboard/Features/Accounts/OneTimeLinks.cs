using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;

namespace Switchboard.Features.Accounts;

/// <summary>
/// The one way a mailed one-time link is made and judged (password resets, address changes; confirmation links and
/// invite links share the secret and its hash): 32 random bytes in base64url, of which only the SHA-256 is stored.
/// </summary>
public static class OneTimeLinks
{
    /// <summary>Why a link no longer works, in the words of its kind.</summary>
    public sealed record Words(string Unknown, string Used, string Expired, string Superseded);

    public static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The link this secret belongs to, if it may still be used; otherwise why not (400 unknown, 410 the rest).</summary>
    public static async Task<Result<T>> FindUsableAsync<T>(DbSet<T> links, string secret, DateTime now, Words words)
        where T : class, IOneTimeLink
    {
        if (secret.Length is < 20 or > 100) return Failure.Invalid(words.Unknown);
        var hash = Hash(secret);
        var link = await links.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash);
        if (link is null) return Failure.Invalid(words.Unknown);
        if (link.UsedAt is not null) return Failure.Gone(words.Used);
        if (link.ExpiresAt <= now) return Failure.Gone(words.Expired);
        if (await links.AnyAsync(l => l.UserId == link.UserId && l.CreatedAt > link.CreatedAt)) return Failure.Gone(words.Superseded);
        return link;
    }

    /// <summary>
    /// Inside the caller's transaction: marks this link and every other of the user used. False when another request
    /// used it first — the conditional update is the one state change, so of two racing uses one wins.
    /// </summary>
    public static async Task<bool> ConsumeAsync<T>(DbSet<T> links, T link, DateTime now) where T : class, IOneTimeLink
    {
        if (await links.Where(l => l.Id == link.Id && l.UsedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(l => l.UsedAt, now)) != 1)
            return false;
        await links.Where(l => l.UserId == link.UserId && l.UsedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.UsedAt, now));
        return true;
    }
}
