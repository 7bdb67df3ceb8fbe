using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email;
using Switchboard.Email.Templates;

namespace Switchboard.Features.Accounts;

/// <summary>
/// The mailed reset links: made (at most <c>RateLimits:PasswordForgot:PerAddressPerHour</c> an hour per account, in
/// the database so every node counts alike) and judged. A link carries 32 random bytes; only their SHA-256 is kept.
/// </summary>
public sealed class PasswordResets(SwitchboardDb db, OutboxWriter outbox, PublicLinks links, IConfiguration config)
{
    public const string Unknown = "This password reset link is invalid. Ask for a new one.";
    public const string Used = "This password reset link was already used. Ask for a new one if you still need it.";
    public const string Expired = "This password reset link has expired (links work for 30 minutes). Ask for a new one.";
    public const string Superseded = "A newer password reset link was sent since this one. Use the link in the newest email.";

    private int PerHour => Math.Max(1, config.GetValue("RateLimits:PasswordForgot:PerAddressPerHour", 3));

    /// <summary>Adds a link and its mail to the unit of work unless this account had enough links this hour.</summary>
    public async Task<bool> QueueAsync(User user, DateTime now)
    {
        var since = now - TimeSpan.FromHours(1);
        if (await db.PasswordResets.CountAsync(r => r.UserId == user.Id && r.CreatedAt > since) >= PerHour) return false;
        var secret = OneTimeLinks.NewSecret();
        var reset = new PasswordReset
        {
            UserId = user.Id,
            TokenHash = OneTimeLinks.Hash(secret),
            CreatedAt = now,
            ExpiresAt = now + PasswordReset.Lifetime,
        };
        db.PasswordResets.Add(reset);
        outbox.Add(db, now, user.Email, PasswordResetMail.Compose(user.Name, links.ResetPassword(secret), reset.ExpiresAt));
        return true;
    }

    /// <summary>The link this secret belongs to, if it may still be used; otherwise why not.</summary>
    public Task<Result<PasswordReset>> FindUsableAsync(string secret, DateTime now) =>
        OneTimeLinks.FindUsableAsync(db.PasswordResets, secret, now, Words);

    /// <summary>
    /// Inside the caller's transaction: marks this link and every other of the user used. False when another request
    /// used it first — the conditional update is the one state change, so of two racing resets one wins.
    /// </summary>
    public Task<bool> ConsumeAsync(PasswordReset reset, DateTime now) => OneTimeLinks.ConsumeAsync(db.PasswordResets, reset, now);

    private static readonly OneTimeLinks.Words Words = new(Unknown, Used, Expired, Superseded);
}
