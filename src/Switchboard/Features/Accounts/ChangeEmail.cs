using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email;
using Switchboard.Faces;

namespace Switchboard.Features.Accounts;

/// <summary>
/// POST /api/v1/auth/email/change {password, new_email} → 202: a one-time link to the new address, a notice to the
/// current one; nothing changes yet. POST /api/v1/auth/email/confirm {token} → 200: the new mailbox proved itself, so
/// the account moves to it (confirmed) if nobody took the address meanwhile. Pending password-reset and confirmation
/// links, which went to the old mailbox, stop working: whoever holds that mailbox must not win the account back.
/// </summary>
public static class ChangeEmail
{
    public sealed record Request(string Password, string NewEmail);
    public sealed record ConfirmRequest(string Token);
    public sealed record Response(string Message);
    public sealed record Confirmed(string Message, string Email, bool EmailVerified);

    public const string Same = "This is already your email address.";

    public static async Task<IResult> RequestAsync(HttpContext http, SwitchboardDb db, EmailChanges changes, PasswordHashing hasher,
        LoginThrottle throttle, OutboxWriter outbox, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var password = input.String("password", required: true, max: int.MaxValue);
        var newEmail = input.Email("new_email");
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == http.User.UserId());
        if (user is null) return Answer.Refuse(Failure.Unauthenticated());
        if (await PasswordCheck.RefusalAsync(http, user, password!, hasher, throttle) is { } refused) return refused;
        var key = EmailAddress.Normalize(newEmail!);
        if (key == user.NormalizedEmail) return Answer.Refuse(Failure.Invalid(Same, "new_email"));
        // The same words registering uses: a signed-in user who knows the password learns nothing register does not tell.
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == key)) return Answer.Refuse(Failure.Invalid(EmailChanges.Taken, "new_email", RefusalCodes.AccountExists));
        var now = time.Now();
        if (await changes.WaitAsync(user.Id, now) is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString("0");
            return Answer.Refuse(Failure.RateLimited($"Too many email changes. Try again in {Waiting.Describe(wait)}."));
        }
        changes.Queue(user, newEmail!.Trim(), now);
        await db.SaveChangesAsync();
        outbox.Wake();
        return Answer.Value(new Response($"A confirmation link was sent to {newEmail}. Your address changes when you open it."),
            StatusCodes.Status202Accepted);
    }

    public static async Task<IResult> ConfirmAsync(HttpContext http, SwitchboardDb db, EmailChanges changes, IDomainEvents events,
        TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var secret = input.String("token", required: true, max: 200, min: 1);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var now = time.Now();
        var found = await changes.FindUsableAsync(secret!, now);
        if (!found.Succeeded) return Answer.Refuse(found.Failure);
        var change = found.Value;
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == change.NewNormalizedEmail && u.Id != change.UserId))
            return Answer.Refuse(Failure.Blocked(EmailChanges.Taken + ": someone signed up with this address since you asked."));
        if (!await changes.ConsumeAsync(change, now)) return Answer.Refuse(Failure.Gone(EmailChanges.Used));
        var moved = await db.Users.Where(u => u.Id == change.UserId).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.Email, change.NewEmail)
            .SetProperty(x => x.NormalizedEmail, change.NewNormalizedEmail)
            .SetProperty(x => x.EmailVerifiedAt, now)
            .SetProperty(x => x.UpdatedAt, now));
        if (moved != 1) return Answer.Refuse(Failure.Invalid(EmailChanges.Unknown));
        // Links mailed to the old address prove nothing about the new one.
        await db.EmailVerifications.Where(v => v.UserId == change.UserId).ExecuteDeleteAsync();
        await db.PasswordResets.Where(r => r.UserId == change.UserId && r.UsedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.UsedAt, now));
        try
        {
            await transaction.CommitAsync();
        }
        catch (DbUpdateException)
        {
            // The unique key on the normal form: a sign-up with this address committed between the check and ours.
            return Answer.Refuse(Failure.Blocked(EmailChanges.Taken + ": someone signed up with this address since you asked."));
        }
        await events.PublishAsync(new AccountChanged(change.UserId, await AccountWorkspaces.OfAsync(db, change.UserId)));
        return Answer.Value(new Confirmed("Email address changed", change.NewEmail, true));
    }
}
