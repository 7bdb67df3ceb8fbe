using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Features.Team;
using Switchboard.Features.Workspaces;

namespace Switchboard.Features.Accounts;

/// <summary>
/// DELETE /api/v1/auth/me {password} → 204. Refused (409, with words) while the caller owns a workspace that has
/// anyone else in it: that team must first get a new owner (transfer) or be deleted, never be left without one.
/// Otherwise, each workspace by its own lock: memberships elsewhere end through the one removal rule
/// (<see cref="RemoveMember.RemoveInWorkAsync"/>: open conversations back to the queue, seat freed, audited
/// <c>member.account_deleted</c>), workspaces owned alone are erased, and last the user row goes with every token,
/// link and preference (their keys cascade), freeing the address. Audit rows keep the user's id — they have no key to
/// the user — and show it as "deleted user". A <see cref="TokenRevoked"/> per token after the commit ends every
/// cached copy and live socket at once.
/// </summary>
public static class DeleteAccount
{
    public sealed record Request(string Password);

    public const string OwnsTeam =
        "You own a business that has other members: transfer its ownership or delete it before deleting your account.";

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, TokenService tokens, PasswordHashing hasher,
        LoginThrottle throttle, IDomainEvents events, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var password = input.String("password", required: true, max: int.MaxValue);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var userId = http.User.UserId();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId);
        if (user is null) return Answer.Refuse(Failure.Unauthenticated());
        if (await PasswordCheck.RefusalAsync(http, user, password!, hasher, throttle) is { } refused) return refused;

        // Checked for every owned workspace before anything changes, so a refusal leaves the account whole.
        var owned = await db.Workspaces.AsNoTracking().Where(w => w.OwnerUserId == userId).Select(w => w.Id).ToListAsync();
        if (await db.Memberships.AnyAsync(m => owned.Contains(m.WorkspaceId) && m.UserId != userId))
            return Answer.Refuse(Failure.Blocked(OwnsTeam));

        var now = time.Now();
        var elsewhere = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && !owned.Contains(m.WorkspaceId)).Select(m => m.WorkspaceId).ToListAsync();
        foreach (var workspaceId in elsewhere)
        {
            await using var work = await WorkspaceWork.BeginAsync(db, events, workspaceId);
            if (work is null) continue;
            var member = await db.Memberships.FirstOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId);
            if (member is null) continue;
            // An owner's membership here would mean the owner field and the role disagree; never remove an owner this way.
            if (member.IsOwner) return Answer.Refuse(Failure.Blocked(OwnsTeam));
            await RemoveMember.RemoveInWorkAsync(db, work, now, userId, member, "account_deleted", "member.account_deleted");
            await work.CommitAsync();
        }
        foreach (var workspaceId in owned)
        {
            await using var work = await WorkspaceWork.BeginAsync(db, events, workspaceId);
            if (work is null) continue;
            // Someone may have joined since the check above: under the lock, the rule holds or nothing happens.
            if (await db.Memberships.AnyAsync(m => m.WorkspaceId == workspaceId && m.UserId != userId))
                return Answer.Refuse(Failure.Blocked(OwnsTeam));
            await WorkspaceErasure.EraseInWorkAsync(db, work);
            await work.CommitAsync();
        }

        List<long> revoked;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            revoked = await tokens.RevokeAllAsync(userId);
            // A workspace created since the check keeps the row (its owner key restricts the delete): refuse, keep the account.
            if (await db.Workspaces.AnyAsync(w => w.OwnerUserId == userId)) return Answer.Refuse(Failure.Blocked(OwnsTeam));
            // By name, not only by the keys' cascades: no row about the account may outlive it, whatever the database enforces.
            await db.EmailVerifications.Where(v => v.UserId == userId).ExecuteDeleteAsync();
            await db.PasswordResets.Where(r => r.UserId == userId).ExecuteDeleteAsync();
            await db.EmailChanges.Where(c => c.UserId == userId).ExecuteDeleteAsync();
            await db.NotificationPreferences.Where(p => p.UserId == userId).ExecuteDeleteAsync();
            await db.PasskeyChallenges.Where(c => c.UserId == userId).ExecuteDeleteAsync();
            await db.PasskeyCredentials.Where(p => p.UserId == userId).ExecuteDeleteAsync();
            await db.ScimUsers.Where(u => u.UserId == userId).ExecuteDeleteAsync();
            await db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync();
            await transaction.CommitAsync();
        }
        foreach (var id in revoked) await events.PublishAsync(new TokenRevoked(userId, id));
        await events.PublishAsync(new AccountChanged(userId, elsewhere));
        return Answer.NoContent();
    }
}
