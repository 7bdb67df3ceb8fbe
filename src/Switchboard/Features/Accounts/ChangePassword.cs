using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;

namespace Switchboard.Features.Accounts;

/// <summary>
/// POST /api/v1/auth/password/change {current_password, new_password} → 200: the signed-in user proves the current
/// password and sets a new one (same rules as registering); every other token of the account — and its sockets — ends
/// at once, the session that asked stays signed in. A wrong current password is a 400, counted
/// by the login throttle of the account's address so it cannot be used to guess.
/// </summary>
public static class ChangePassword
{
    public sealed record Request(string CurrentPassword, string NewPassword);
    public sealed record Response(string Message);

    public const string WrongCurrent = "The current password is not correct.";

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, TokenService tokens, PasswordHashing hasher,
        LoginThrottle throttle, IDomainEvents events, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var current = input.String("current_password", required: true, max: int.MaxValue);
        var password = input.Password("new_password");
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == http.User.UserId());
        if (user is null) return Answer.Refuse(Failure.Unauthenticated());
        using var attempt = throttle.TryBegin(user.NormalizedEmail, ClientAddress.Key(http), out var wait);
        if (attempt is null)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString("0");
            return Answer.Refuse(Failure.RateLimited("Too many attempts. Try again later."));
        }
        if (await hasher.VerifyAsync(user, current!, http.RequestAborted) == PasswordVerificationResult.Failed)
        {
            attempt.Failed();
            return Answer.Refuse(Failure.Invalid(WrongCurrent));
        }
        attempt.Succeeded();
        if (await PasswordStrength.WeaknessAsync(hasher, password!, [user.Email, user.Name], http.RequestAborted) is { } weak)
            return Answer.Invalid([new FieldError("body", "new_password", FieldRule.Custom, Message: weak)]);

        var hash = await hasher.HashAsync(user, password!, http.RequestAborted);
        var now = time.Now();
        var (_, revoked) = await AccountSessions.ReplaceAllAsync(db, tokens, user, "default", () =>
        {
            user.PasswordHash = hash;
            user.UpdatedAt = now;
            return Task.FromResult(true);
        }, keepTokenId: http.User.TokenId());
        foreach (var id in revoked) await events.PublishAsync(new TokenRevoked(user.Id, id));
        return Answer.Value(new Response("Password changed. Every other session was signed out."));
    }
}
