using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;

namespace Switchboard.Features.Accounts;

/// <summary>
/// Where the signed-in user is signed in (their tokens) and signing any of them out. A revoked session ends at once:
/// <see cref="TokenRevoked"/> is published after the deletion committed and before the answer, which evicts it from
/// the token cache of every node and closes its sockets.
/// </summary>
public static class Sessions
{
    public sealed record Session(long Id, string CreatedAt, string? LastUsedAt, string? UserAgent, string? Ip, bool Current);

    public const string NotFound = "Session not found";

    /// <summary>GET /api/v1/auth/sessions → the caller's sessions, newest first; <c>current</c> marks this request's.</summary>
    public static async Task<IResult> ListAsync(HttpContext http, SwitchboardDb db)
    {
        var userId = http.User.UserId();
        var current = http.User.TokenId();
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId)
            .Select(t => new { t.Id, t.CreatedAt, t.LastUsedAt, t.UserAgent, t.Ip }).ToListAsync();
        return Answer.Value(tokens.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(t => new Session(t.Id, PingBackFace.Timestamp(t.CreatedAt), t.LastUsedAt is { } used ? PingBackFace.Timestamp(used) : null,
                t.UserAgent, t.Ip, t.Id == current))
            .ToList());
    }

    /// <summary>DELETE /api/v1/auth/sessions/{id} → 204. Another user's session answers 404, like one that does not exist.</summary>
    public static async Task<IResult> RevokeAsync(HttpContext http, string id, SwitchboardDb db, IDomainEvents events)
    {
        var userId = http.User.UserId();
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, null, out var tokenId)) return Answer.Refuse(Failure.NotFound(NotFound));
        var deleted = await db.ApiTokens.Where(t => t.Id == tokenId && t.UserId == userId).ExecuteDeleteAsync();
        if (deleted == 0) return Answer.Refuse(Failure.NotFound(NotFound));
        await events.PublishAsync(new TokenRevoked(userId, tokenId));
        return Answer.NoContent();
    }

    /// <summary>DELETE /api/v1/auth/sessions → 204: every session of the caller but this one ends.</summary>
    public static async Task<IResult> RevokeOthersAsync(HttpContext http, SwitchboardDb db, TokenService tokens, IDomainEvents events)
    {
        var userId = http.User.UserId();
        List<long> revoked;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            revoked = await tokens.RevokeAllAsync(userId, except: http.User.TokenId());
            await transaction.CommitAsync();
        }
        foreach (var tokenId in revoked) await events.PublishAsync(new TokenRevoked(userId, tokenId));
        return Answer.NoContent();
    }
}
