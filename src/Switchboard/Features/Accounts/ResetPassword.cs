using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;

namespace Switchboard.Features.Accounts;

/// <summary>
/// POST /api/v1/auth/password/reset {token, password} → 200 {access_token, token_type}. The mailed link proves the
/// mailbox, so whoever completes it becomes the account's owner: the password is set, the address confirmed, and
/// every earlier token of the account revoked — with its live sockets — in one transaction; the answer carries a
/// fresh token. This is how the real owner of an address wins back an account someone else registered with it.
/// A used, expired or superseded link answers 410 with words; an unknown one 400. An account with a second factor also
/// gives a code (<c>otp</c>, as at sign-in) — the mailbox alone must not get past it — and until it does the link stays
/// unused: 401 with <c>two_factor_required</c>, as the login says it.
/// </summary>
public static class ResetPassword
{
    public sealed record Request(string Token, string Password, string? Otp);
    public sealed record Response(string AccessToken, string TokenType);

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, PasswordResets resets, TokenService tokens,
        IPasswordHasher<User> hasher, IDomainEvents events, TimeProvider time, SecondFactor factor,
        [FromKeyedServices(SecondFactor.ThrottleKey)] LoginThrottle codeThrottle)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var secret = input.String("token", required: true, max: 200, min: 1);
        var password = input.Password("password");
        var otp = input.String("otp", max: 64);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var now = time.Now();
        var found = await resets.FindUsableAsync(secret!, now);
        if (!found.Succeeded) return Answer.Refuse(found.Failure);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == found.Value.UserId);
        if (user is null) return Answer.Refuse(Failure.Invalid(PasswordResets.Unknown));
        if (await PasswordStrength.WeaknessAsync(hasher, password!, [user.Email, user.Name], http.RequestAborted) is { } weak)
            return Answer.Invalid([new FieldError("body", "password", FieldRule.Custom, Message: weak)]);
        // An account whose address was never confirmed holds no proof of whoever set up its second factor: the mailbox
        // owner's reset then replaces that factor too (below), or a squatter's authenticator would keep them out.
        var squatted = user.EmailVerifiedAt is null;
        if (!squatted && await factor.IsOnAsync(user.Id))
        {
            if (string.IsNullOrWhiteSpace(otp)) return Answer.Refuse(Failure.SecondFactorRequired(SecondFactor.Required));
            using var attempt = codeThrottle.TryBegin(user.NormalizedEmail, ClientAddress.Key(http), out var wait);
            if (attempt is null) return TwoFactorSetup.TooMany(http, wait);
            if (!await factor.TryUseAsync(user.Id, otp))
            {
                attempt.Failed();
                return Answer.Refuse(Failure.SecondFactorRequired(SecondFactor.Wrong));
            }
            attempt.Succeeded();
        }
        var hash = await hasher.HashAsync(user, password!, http.RequestAborted);

        var (token, revoked) = await AccountSessions.ReplaceAllAsync(db, tokens, user, "default", async () =>
        {
            if (!await resets.ConsumeAsync(found.Value, now)) return false;
            user.PasswordHash = hash;
            user.EmailVerifiedAt ??= now;
            user.UpdatedAt = now;
            // Older confirmation links have nothing left to prove.
            await db.EmailVerifications.Where(v => v.UserId == user.Id).ExecuteDeleteAsync();
            if (squatted)
            {
                await db.RecoveryCodes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync();
                await db.TotpAuthenticators.Where(t => t.UserId == user.Id).ExecuteDeleteAsync();
            }
            return true;
        });
        if (token is null) return Answer.Refuse(Failure.Gone(PasswordResets.Used));
        foreach (var id in revoked) await events.PublishAsync(new TokenRevoked(user.Id, id));
        return Answer.Value(new Response(token, "bearer"));
    }
}
