using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Features.Accounts;

/// <summary>
/// One transaction for an account-wide change of credentials (a password reset or change): the change itself, every
/// token of the account revoked, and one new token for whoever made the change. The caller publishes a
/// <see cref="TokenRevoked"/> per revoked id after the commit, which ends their sockets and every cached copy.
/// </summary>
public static class AccountSessions
{
    /// <summary>
    /// Runs <paramref name="change"/> (false: nothing happens, null token) and, when it holds, replaces every token
    /// of the user — but <paramref name="keepTokenId"/>, when given, which is the caller's own session — in one commit.
    /// </summary>
    public static async Task<(string? Token, List<long> Revoked)> ReplaceAllAsync(SwitchboardDb db, TokenService tokens, User user,
        string device, Func<Task<bool>> change, long? keepTokenId = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (!await change()) return (null, []);
        var revoked = await tokens.RevokeAllAsync(user.Id, except: keepTokenId);
        // Issuing saves the context, so the user's new password commits with it.
        var token = keepTokenId is null ? await tokens.IssueAsync(user.Id, device) : "";
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return (token, revoked);
    }
}
