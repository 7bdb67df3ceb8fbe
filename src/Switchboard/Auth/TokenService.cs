using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Auth;

/// <summary>
/// Issues, checks and revokes "&lt;id&gt;|&lt;secret&gt;" tokens; the database sees only SHA-256 of the secret. A token
/// issued during a request remembers that request's user agent and client address, for the sessions list.
/// </summary>
public sealed class TokenService(SwitchboardDb db, TimeProvider time, TokenCache? cache = null, IHttpContextAccessor? http = null)
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Adds a token to the context; the caller saves (so it commits with whatever created the user).</summary>
    public async Task<string> IssueAsync(Guid userId, string device)
    {
        var secret = RandomNumberGenerator.GetString(Alphabet, 40);
        var token = new ApiToken
        {
            UserId = userId,
            Name = device,
            SecretHash = Hash(secret),
            CreatedAt = time.Now(),
            UserAgent = UserAgent(http?.HttpContext),
            Ip = http?.HttpContext?.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        return $"{token.Id}|{secret}";
    }

    public async Task<ApiToken?> FindAsync(string? presented)
    {
        if (!ParseToken(presented, out var id, out var secret)) return null;
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        if (cache is not null && cache.TryGet(id, out var cached, out var cachedHash))
            return CryptographicOperations.FixedTimeEquals(cachedHash, actual) ? cached : null;
        var generation = cache?.Generation ?? 0;
        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id);
        if (token is null) return null;
        var expected = Convert.FromHexString(token.SecretHash);
        if (!CryptographicOperations.FixedTimeEquals(expected, actual)) return null;
        cache?.Add(token, expected, generation);
        return token;
    }

    /// <summary>
    /// Deletes the token's row. The caller then publishes <see cref="TokenRevoked"/> once the deletion is committed:
    /// that event, not this method, evicts the token from every node's cache (<see cref="TokenRevocation"/>).
    /// </summary>
    public async Task<int> RevokeAsync(long tokenId) =>
        await db.ApiTokens.Where(t => t.Id == tokenId).ExecuteDeleteAsync();

    /// <summary>
    /// Deletes every token of a user but <paramref name="except"/> (the caller's own session, when it is kept) inside
    /// the caller's transaction and returns their ids; the caller raises a <see cref="TokenRevoked"/> per id, published
    /// after the commit, which evicts them from every node's cache. Nothing is evicted here: before the commit the rows
    /// are still visible, and a request in between would cache them again.
    /// </summary>
    public async Task<List<long>> RevokeAllAsync(Guid userId, long? except = null)
    {
        var ids = await db.ApiTokens.Where(t => t.UserId == userId && t.Id != except).Select(t => t.Id).ToListAsync();
        await db.ApiTokens.Where(t => t.UserId == userId && t.Id != except).ExecuteDeleteAsync();
        return ids;
    }

    public static bool ParseToken(string? presented, out long id, out string secret)
    {
        id = 0;
        secret = "";
        if (string.IsNullOrEmpty(presented) || presented.Length > 200) return false;
        var bar = presented.IndexOf('|');
        if (bar <= 0 || !long.TryParse(presented.AsSpan(0, bar), System.Globalization.NumberStyles.None, null, out id))
            return false;
        secret = presented[(bar + 1)..];
        return secret.Length == 40;
    }

    /// <summary>The request's User-Agent, capped and without NUL (PostgreSQL refuses it), never half a surrogate pair.</summary>
    private static string? UserAgent(HttpContext? context)
    {
        var text = context?.Request.Headers.UserAgent.ToString().Replace("\0", "");
        if (string.IsNullOrWhiteSpace(text)) return null;
        var max = ApiToken.UserAgentMaxLength;
        return text.Length <= max ? text : text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];
    }

    private static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
