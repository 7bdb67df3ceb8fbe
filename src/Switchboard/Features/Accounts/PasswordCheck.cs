using Microsoft.AspNetCore.Identity;
using Switchboard.Auth;
using Switchboard.Domain;
using Switchboard.Faces;

namespace Switchboard.Features.Accounts;

/// <summary>
/// The password a signed-in user types to confirm a grave step (change of address, ownership transfer, deleting an
/// account): checked through the hashing gate and counted by the login throttle of the account's address, so these
/// routes cannot be used to guess a password faster than signing in can.
/// </summary>
public static class PasswordCheck
{
    public const string Wrong = "The password is not correct.";

    /// <summary>Null when the password is right; otherwise the refusal to answer (400 wrong, 429 throttled).</summary>
    public static async Task<IResult?> RefusalAsync(HttpContext http, User user, string password, PasswordHashing hasher,
        LoginThrottle throttle)
    {
        using var attempt = throttle.TryBegin(user.NormalizedEmail, ClientAddress.Key(http), out var wait);
        if (attempt is null)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString("0");
            return Answer.Refuse(Failure.RateLimited("Too many attempts. Try again later."));
        }
        if (await hasher.VerifyAsync(user, password, http.RequestAborted) == PasswordVerificationResult.Failed)
        {
            attempt.Failed();
            return Answer.Refuse(Failure.Invalid(Wrong, "password"));
        }
        attempt.Succeeded();
        return null;
    }
}
