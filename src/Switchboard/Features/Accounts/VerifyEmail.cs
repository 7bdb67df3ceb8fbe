using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;

namespace Switchboard.Features.Accounts;

/// <summary>
/// POST /api/v1/auth/verify-email {token}: the mailed link's secret confirms the address (no sign-in needed:
/// the link is the proof). POST /api/v1/auth/verify-email/resend: a new link for the signed-in user.
/// </summary>
public static class VerifyEmail
{
    public sealed record Request(string Token);
    public sealed record Response(string Message, bool EmailVerified);

    public static async Task<IResult> ConfirmAsync(HttpRequest http, EmailVerifier verifier, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync(http);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var token = input.String("token", required: true, max: 200, min: 1);
        if (!input.IsValid) return Answer.Invalid(input.Errors);
        return await verifier.ConfirmAsync(token!, time.Now())
            ? Answer.Value(new Response("Email address confirmed", true))
            : Answer.Refuse(Failure.Invalid(EmailVerifier.InvalidToken));
    }

    public static async Task<IResult> ResendAsync(HttpContext http, SwitchboardDb db, EmailVerifier verifier,
        OutboxWriter outbox, TimeProvider time)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == http.User.UserId());
        if (user is null) return Answer.Refuse(Failure.Unauthenticated());
        if (user.EmailVerifiedAt is not null) return Answer.Refuse(Failure.Invalid(EmailVerifier.AlreadyConfirmed));
        var now = time.Now();
        if (await verifier.WaitBeforeResendAsync(user.Id, now) is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString("0");
            return Answer.Refuse(Failure.RateLimited($"Too many confirmation emails. Try again in {Waiting.Describe(wait)}."));
        }
        verifier.Queue(user, now);
        await db.SaveChangesAsync();
        outbox.Wake();
        return Answer.Value(new { message = $"A confirmation link was sent to {user.Email}" });
    }
}
