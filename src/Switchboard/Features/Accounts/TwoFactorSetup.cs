using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;

namespace Switchboard.Features.Accounts;

/// <summary>
/// Turning the authenticator-app second factor on and off:
/// <list type="bullet">
/// <item><c>POST /api/v1/auth/2fa/totp {password}</c> → a new pending secret, its otpauth:// URI and a QR code (SVG).
/// The password is asked because a factor set up by whoever holds a stolen session would lock the real owner out
/// at their next sign-in. Nothing changes for signing in yet: a setup abandoned half-way must never lock anyone out.</item>
/// <item><c>POST /api/v1/auth/2fa/totp/confirm {code}</c> → a code from the app proves it holds the secret; from
/// then on sign-in asks for a code. The answer carries ten recovery codes, shown this once and stored hashed.</item>
/// <item><c>DELETE /api/v1/auth/2fa/totp {password, code}</c> → 204: both factors again, so a session left open on a
/// shared computer cannot remove the second factor.</item>
/// </list>
/// Refusals are 400/409 with words, never 401: a signed-in page that hears 401 thinks its session ended.
/// </summary>
public static class TwoFactorSetup
{
    public sealed record BeginRequest(string Password);
    public sealed record BeginResponse(string Secret, string OtpauthUri, string QrSvg);
    public sealed record ConfirmRequest(string Code);
    public sealed record ConfirmResponse(IReadOnlyList<string> RecoveryCodes);
    public sealed record DisableRequest(string Password, string Code);

    public const string Issuer = "Switchboard";
    public const string AlreadyOn = "Two-factor authentication is already on. Turn it off first to set up another authenticator.";
    public const string NotStarted = "Start the authenticator setup first: there is no pending authenticator to confirm.";
    public const string NotOn = "Two-factor authentication is not on for this account.";
    public const string WrongSetupCode = "The code is not correct. Check that the authenticator app shows Switchboard and that your phone's clock is right, then enter the current code.";
    public const string WrongPassword = "The password is not correct.";
    public const string SetupRaced = "Another authenticator setup of this account started at the same moment. Start the setup again.";

    public static async Task<IResult> BeginAsync(HttpContext http, SwitchboardDb db, SecretProtection protection, TimeProvider time,
        PasswordHashing hasher, LoginThrottle throttle)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var password = input.String("password", required: true, max: int.MaxValue);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == http.User.UserId());
        if (user is null) return Answer.Refuse(Failure.Unauthenticated());
        var existing = await db.TotpAuthenticators.FirstOrDefaultAsync(t => t.UserId == user.Id);
        if (existing?.IsActive == true) return Answer.Refuse(Failure.Conflict(AlreadyOn));
        if (await PasswordCheck.RefusalAsync(http, user, password!, hasher, throttle) is { } refused) return refused;

        var secret = TotpCodes.ToBase32(TotpCodes.NewSecret());
        var now = time.Now();
        if (existing is null)
        {
            db.TotpAuthenticators.Add(new TotpAuthenticator { UserId = user.Id, ProtectedSecret = protection.ProtectTotpSecret(secret), CreatedAt = now });
        }
        else
        {
            // A new setup replaces the pending one: only the newest QR code can be confirmed.
            existing.ProtectedSecret = protection.ProtectTotpSecret(secret);
            existing.CreatedAt = now;
            existing.LastUsedStep = null;
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two setups of one account at the same moment (two tabs): one row won; this answer asks to start again.
            return Answer.Refuse(Failure.Conflict(SetupRaced));
        }
        var uri = TotpCodes.KeyUri(Issuer, user.Email, secret);
        return Answer.Value(new BeginResponse(secret, uri, QrSvg(uri)));
    }

    public static async Task<IResult> ConfirmAsync(HttpContext http, SwitchboardDb db, SecondFactor factor, TimeProvider time, IDomainEvents events)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var code = input.String("code", required: true, max: 64, min: 1);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var userId = http.User.UserId();
        var pending = await db.TotpAuthenticators.AsNoTracking().FirstOrDefaultAsync(t => t.UserId == userId);
        if (pending is null) return Answer.Refuse(Failure.Invalid(NotStarted));
        if (pending.IsActive) return Answer.Refuse(Failure.Conflict(AlreadyOn));
        if (factor.SecretOf(pending) is not { } secret || TotpCodes.MatchingStep(secret, code!.Trim(), time.GetUtcNow()) is not { } step)
            return Answer.Refuse(Failure.Invalid(WrongSetupCode));

        var now = time.Now();
        var codes = Enumerable.Range(0, RecoveryCodes.Count).Select(_ => RecoveryCodes.New()).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Conditional on still pending with the same secret: a second confirm, or one racing a new setup, does nothing.
        var confirmed = await db.TotpAuthenticators
            .Where(t => t.UserId == userId && t.ConfirmedAt == null && t.ProtectedSecret == pending.ProtectedSecret)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.ConfirmedAt, now).SetProperty(t => t.LastUsedStep, step));
        if (confirmed != 1) return Answer.Refuse(Failure.Conflict(AlreadyOn));
        await db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync();
        db.RecoveryCodes.AddRange(codes.Select(c => new RecoveryCode { UserId = userId, CodeHash = RecoveryCodes.Hash(RecoveryCodes.Normalize(c)!), CreatedAt = now }));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        // A workspace requiring a second factor lets this account in from the next request on.
        await Workspaces.TwoFactorPolicyChange.AccountChangedAsync(db, events, userId, removed: false);
        return Answer.Value(new ConfirmResponse(codes));
    }

    public static async Task<IResult> DisableAsync(HttpContext http, SwitchboardDb db, SecondFactor factor, PasswordHashing hasher, IDomainEvents events,
        LoginThrottle throttle, [FromKeyedServices(SecondFactor.ThrottleKey)] LoginThrottle codeThrottle)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var password = input.String("password", required: true, max: int.MaxValue);
        var code = input.String("code", required: true, max: 64, min: 1);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == http.User.UserId());
        if (user is null) return Answer.Refuse(Failure.Unauthenticated());
        if (!await factor.IsOnAsync(user.Id)) return Answer.Refuse(Failure.Invalid(NotOn));

        // The password and the code are checked under the sign-in limits, so this route is no shortcut for guessing either.
        var address = ClientAddress.Key(http);
        using (var attempt = throttle.TryBegin(user.NormalizedEmail, address, out var wait))
        {
            if (attempt is null) return TooMany(http, wait);
            if (await hasher.VerifyAsync(user, password!, http.RequestAborted) == PasswordVerificationResult.Failed)
            {
                attempt.Failed();
                return Answer.Refuse(Failure.Invalid(WrongPassword));
            }
            attempt.Succeeded();
        }
        using (var attempt = codeThrottle.TryBegin(user.NormalizedEmail, address, out var wait))
        {
            if (attempt is null) return TooMany(http, wait);
            if (!await factor.TryUseAsync(user.Id, code!))
            {
                attempt.Failed();
                return Answer.Refuse(Failure.Invalid(SecondFactor.Wrong));
            }
            attempt.Succeeded();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.RecoveryCodes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync();
        await db.TotpAuthenticators.Where(t => t.UserId == user.Id).ExecuteDeleteAsync();
        await transaction.CommitAsync();
        // Workspaces requiring a second factor refuse this account from now on, sockets included.
        await Workspaces.TwoFactorPolicyChange.AccountChangedAsync(db, events, user.Id, removed: true);
        return Answer.NoContent();
    }

    internal static IResult TooMany(HttpContext http, TimeSpan wait)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString("0");
        return Answer.Refuse(Failure.RateLimited("Too many attempts. Try again later."));
    }

    /// <summary>
    /// The QR code as SVG markup made here, from modules only (rects and a path, colours as attributes): the dashboard
    /// rebuilds it element by element from an allow-list, so even this markup never reaches innerHTML.
    /// </summary>
    private static string QrSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
