using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email;
using Switchboard.Email.Templates;

namespace Switchboard.Features.Accounts;

/// <summary>
/// Proves that a user reads the mailbox they registered. A link carries a random secret; the database keeps
/// its SHA-256 only, so a leaked table confirms nobody. Sending is rationed per account in the database,
/// so the limit holds on every node.
/// </summary>
public sealed class EmailVerifier(SwitchboardDb db, OutboxWriter outbox, PublicLinks links, IConfiguration config)
{
    public const string InvalidToken = "This confirmation link is invalid, used or expired. Ask for a new one.";
    public const string AlreadyConfirmed = "Your email address is already confirmed";

    private int SendsPerDay => Math.Max(1, config.GetValue("RateLimits:VerifyResend:PerAccountPerDay", 5));

    /// <summary>Adds a link and its mail to the unit of work; the caller saves and wakes the outbox.</summary>
    public void Queue(User user, DateTime now)
    {
        var secret = OneTimeLinks.NewSecret();
        var verification = new EmailVerification
        {
            UserId = user.Id,
            TokenHash = OneTimeLinks.Hash(secret),
            CreatedAt = now,
            ExpiresAt = now + EmailVerification.Lifetime,
        };
        db.EmailVerifications.Add(verification);
        outbox.Add(db, now, user.Email, VerifyEmailMail.Compose(user.Name, links.VerifyEmail(secret), verification.ExpiresAt));
    }

    /// <summary>Null when another mail may go out now, else how long until one may.</summary>
    public async Task<TimeSpan?> WaitBeforeResendAsync(Guid userId, DateTime now)
    {
        var day = TimeSpan.FromDays(1);
        var since = now - day;
        var recent = await db.EmailVerifications.Where(v => v.UserId == userId && v.CreatedAt > since)
            .OrderByDescending(v => v.CreatedAt).Take(SendsPerDay).Select(v => v.CreatedAt).ToListAsync();
        return Allowance.Wait(recent, SendsPerDay, day, now);
    }

    /// <summary>Confirms the address whose link carried this secret; false for an unknown, used or expired one.</summary>
    public async Task<bool> ConfirmAsync(string secret, DateTime now)
    {
        if (secret.Length is < 20 or > 100) return false;
        var hash = OneTimeLinks.Hash(secret);
        var verification = await db.EmailVerifications.AsNoTracking()
            .FirstOrDefaultAsync(v => v.TokenHash == hash && v.ExpiresAt > now);
        if (verification is null) return false;
        // Only the newest link works: asking for a new one retires the earlier mails (one may sit in a shared inbox).
        if (await db.EmailVerifications.AnyAsync(v => v.UserId == verification.UserId && v.CreatedAt > verification.CreatedAt))
            return false;
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Deleting every link of the user is the one state change: of two concurrent confirms one wins.
        if (await db.EmailVerifications.Where(v => v.Id == verification.Id).ExecuteDeleteAsync() != 1) return false;
        await db.EmailVerifications.Where(v => v.UserId == verification.UserId).ExecuteDeleteAsync();
        await db.Users.Where(u => u.Id == verification.UserId && u.EmailVerifiedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailVerifiedAt, now).SetProperty(x => x.UpdatedAt, now));
        await transaction.CommitAsync();
        return true;
    }

}
