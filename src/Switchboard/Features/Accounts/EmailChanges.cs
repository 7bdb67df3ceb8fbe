using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email;
using Switchboard.Email.Templates;

namespace Switchboard.Features.Accounts;

/// <summary>
/// The mailed links that move an account to a new address: made (at most <c>RateLimits:EmailChange:PerAccountPerHour</c>
/// an hour per account, counted in the database so every node agrees) and judged. A link carries 32 random bytes; only
/// their SHA-256 is kept, so a leaked table moves nobody's account.
/// </summary>
public sealed class EmailChanges(SwitchboardDb db, OutboxWriter outbox, PublicLinks links, IConfiguration config)
{
    public const string Unknown = "This email change link is invalid. Ask for a new one from your account page.";
    public const string Used = "This email change link was already used.";
    public const string Expired = "This email change link has expired (links work for 24 hours). Ask for a new one.";
    public const string Superseded = "A newer email change was asked since this one. Use the link in the newest email.";
    public const string Taken = "Email already registered";

    private int PerHour => Math.Max(1, config.GetValue("RateLimits:EmailChange:PerAccountPerHour", 3));

    /// <summary>Null when another link may go out now, else how long until one may.</summary>
    public async Task<TimeSpan?> WaitAsync(Guid userId, DateTime now)
    {
        var hour = TimeSpan.FromHours(1);
        var since = now - hour;
        var recent = await db.EmailChanges.Where(c => c.UserId == userId && c.CreatedAt > since)
            .OrderByDescending(c => c.CreatedAt).Take(PerHour).Select(c => c.CreatedAt).ToListAsync();
        return Allowance.Wait(recent, PerHour, hour, now);
    }

    /// <summary>Adds the request, the confirmation mail to the new address and the notice to the old one to the unit of work.</summary>
    public void Queue(User user, string newEmail, DateTime now)
    {
        var secret = OneTimeLinks.NewSecret();
        var change = new EmailChange
        {
            UserId = user.Id,
            NewEmail = newEmail,
            NewNormalizedEmail = EmailAddress.Normalize(newEmail),
            TokenHash = OneTimeLinks.Hash(secret),
            CreatedAt = now,
            ExpiresAt = now + EmailChange.Lifetime,
        };
        db.EmailChanges.Add(change);
        outbox.Add(db, now, newEmail, EmailChangeConfirmMail.Compose(user.Name, newEmail, links.ConfirmEmailChange(secret), change.ExpiresAt));
        outbox.Add(db, now, user.Email, EmailChangeNoticeMail.Compose(user.Name, newEmail, links.ForgotPassword));
    }

    /// <summary>The request this secret belongs to, if it may still be used; otherwise why not.</summary>
    public Task<Result<EmailChange>> FindUsableAsync(string secret, DateTime now) =>
        OneTimeLinks.FindUsableAsync(db.EmailChanges, secret, now, Words);

    /// <summary>
    /// Inside the caller's transaction: marks this request and every other of the user used. False when another
    /// request used it first — the conditional update is the one state change, so of two racing confirms one wins.
    /// </summary>
    public Task<bool> ConsumeAsync(EmailChange change, DateTime now) => OneTimeLinks.ConsumeAsync(db.EmailChanges, change, now);

    private static readonly OneTimeLinks.Words Words = new(Unknown, Used, Expired, Superseded);
}
