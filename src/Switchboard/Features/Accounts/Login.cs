using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Features.Sso;

namespace Switchboard.Features.Accounts;

public static class Login
{
    /// <summary><c>otp</c>: a code from the authenticator app or a recovery code, for an account with a second factor.</summary>
    public sealed record Request(string Email, string Password, string? Device, string? Otp);
    public sealed record Response(string AccessToken, string TokenType);

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, TokenService tokens,
        PasswordHashing hasher, LoginThrottle throttle, SecondFactor factor,
        [FromKeyedServices(SecondFactor.ThrottleKey)] LoginThrottle codeThrottle)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var email = input.String("email", required: true, max: 320);
        var password = input.String("password", required: true, max: int.MaxValue);
        var otp = input.String("otp", max: 64);
        // Text or nothing, as FastAPI's `device: str | None`: another kind is a 422, never silently "default". The text
        // itself is only a label: a NUL is dropped and a long one cut to what a session keeps (Device below), not refused.
        string? deviceLabel = null;
        if (body.ValueKind == System.Text.Json.JsonValueKind.Object && body.TryGetProperty("device", out var given)
            && given.ValueKind != System.Text.Json.JsonValueKind.Null)
        {
            if (given.ValueKind == System.Text.Json.JsonValueKind.String) deviceLabel = given.GetString();
            else input.Fail("device", FieldRule.Type, "string");
        }
        // As long as a new password may be: 255 characters, counted as code points.
        if (password is not null && InputRules.CodePoints(password) > InputRules.PasswordMaxLength)
            input.Fail("password", FieldRule.MaxLength, InputRules.PasswordMaxLength.ToString());
        // One normal form everywhere: a look-alike spelling (a Kelvin sign for a K) is refused as on every other route,
        // never folded into someone else's address.
        if (email is not null && EmailAddress.HasLookAlikes(email)) input.Fail("email", FieldRule.Custom, message: Input.LookAlikeMessage);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var normalized = User.Normalize(email!);
        using var attempt = throttle.TryBegin(normalized, ClientAddress.Key(http), out var wait);
        if (attempt is null)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString("0");
            return Answer.Refuse(Failure.RateLimited("Too many login attempts. Try again later."));
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized);
        var verdict = await hasher.VerifyAsync(user, password!, http.RequestAborted);
        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            attempt.Failed();
            return Answer.Refuse(Failure.Unauthenticated("Incorrect email or password"));
        }
        attempt.Succeeded();

        // Only after the right password too: a workspace that enforces single sign-on closes the password to its domain.
        if (await SsoEnforcement.PasswordClosedByAsync(db, user) is { } enforcedBy)
            return Answer.Refuse(Failure.Forbidden(SsoEnforcement.Words(enforcedBy, user.Email)));

        // Only after the right password does the answer say a second factor exists: a wrong password tells nothing more.
        if (await factor.IsOnAsync(user.Id))
        {
            if (string.IsNullOrWhiteSpace(otp)) return Answer.Refuse(Failure.SecondFactorRequired(SecondFactor.Required));
            using var codeAttempt = codeThrottle.TryBegin(normalized, ClientAddress.Key(http), out var codeWait);
            if (codeAttempt is null) return TwoFactorSetup.TooMany(http, codeWait);
            if (!await factor.TryUseAsync(user.Id, otp))
            {
                codeAttempt.Failed();
                return Answer.Refuse(Failure.SecondFactorRequired(SecondFactor.Wrong));
            }
            codeAttempt.Succeeded();
        }

        var device = deviceLabel is null ? "default" : Device(deviceLabel);
        var token = await tokens.IssueAsync(user.Id, device);
        return Answer.Value(new Response(token, "bearer"));
    }

    /// <summary>The token's label: at most 255 UTF-16 units, never half a surrogate pair, no NUL (PostgreSQL refuses it).</summary>
    private static string Device(string text)
    {
        text = text.Replace("\0", "");
        if (text.Length > 255) text = text[..(char.IsHighSurrogate(text[254]) ? 254 : 255)];
        return text.Length == 0 ? "default" : text;
    }
}
