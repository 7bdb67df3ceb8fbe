using Switchboard.Domain;
using Switchboard.Faces;

namespace Switchboard.Features.Accounts;

/// <summary>
/// POST /api/v1/auth/password/forgot {email} → 202: the same body, at about the same time, whether or not the address
/// has an account (the lookup and the mail happen after the answer, in <see cref="PasswordResetMailer"/>), so the
/// route tells nobody who has an account. Limited per client address by the rate limiter and per account in the
/// database (<see cref="PasswordResets"/>); past the account's limit the answer is still the same, and no mail goes.
/// </summary>
public static class ForgotPassword
{
    public sealed record Request(string Email);
    public sealed record Response(string Message);

    public const string Accepted =
        "If an account uses this address, a link to choose a new password is on its way. It works once, for 30 minutes.";

    public static async Task<IResult> HandleAsync(HttpRequest http, PasswordResetRequests requests)
    {
        var (body, error) = await JsonBody.ReadAsync(http);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var email = input.Email("email");
        if (!input.IsValid) return Answer.Invalid(input.Errors);
        requests.Enqueue(EmailAddress.Normalize(email!));
        return Answer.Value(new Response(Accepted), StatusCodes.Status202Accepted);
    }
}
