using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Auth;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Accounts;

/// <summary>An account with an authenticator app: its secret (as the app holds it) and the recovery codes it was shown.</summary>
public sealed record TwoFactorAccount(Account Account, byte[] Secret, IReadOnlyList<string> RecoveryCodes, string Password)
{
    /// <summary>The code the app shows at the app's clock, moved by <paramref name="steps"/> 30-second steps.</summary>
    public string Code(FakeTimeProvider time, int steps = 0) => TotpCodes.Compute(Secret, TotpCodes.StepAt(time.GetUtcNow()) + steps);
}

public static class TwoFactorSteps
{
    public const string Password = "correct-horse";

    /// <summary>Registers, sets up the authenticator and confirms it with the app's current code, over HTTP.</summary>
    public static async Task<TwoFactorAccount> WithAuthenticatorAsync(this SwitchboardApp app, FakeTimeProvider time)
    {
        var account = await app.RegisterAsync(password: Password);
        var client = app.As(account.Token);
        var setup = await client.PostAsJsonAsync("/api/v1/auth/2fa/totp", new { password = TwoFactorSteps.Password }).ShouldAnswer(HttpStatusCode.OK);
        var secret = TotpCodes.FromBase32(setup.Text("secret"));
        var confirmed = await client.PostAsJsonAsync("/api/v1/auth/2fa/totp/confirm",
            new { code = TotpCodes.Compute(secret, TotpCodes.StepAt(time.GetUtcNow())) }).ShouldAnswer(HttpStatusCode.OK);
        var codes = confirmed["recovery_codes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        // The confirming code is spent: sign-ins in these tests start from the next step.
        time.Advance(TimeSpan.FromSeconds(TotpCodes.StepSeconds));
        return new TwoFactorAccount(account, secret, codes, Password);
    }

    public static Task<HttpResponseMessage> LoginAsync(this SwitchboardApp app, string email, string password, string? otp = null) =>
        app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", otp is null ? new { email, password } : (object)new { email, password, otp });

    public static async Task<JsonNode> SignsInAsync(this SwitchboardApp app, TwoFactorAccount who, string otp)
    {
        var body = await app.LoginAsync(who.Account.Email, who.Password, otp).ShouldAnswer(HttpStatusCode.OK);
        await app.As(body.Text("access_token")).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);
        return body;
    }

    public static async Task<JsonNode> IsRefusedAsync(this SwitchboardApp app, TwoFactorAccount who, string? otp)
    {
        var body = await app.LoginAsync(who.Account.Email, who.Password, otp).ShouldAnswer(HttpStatusCode.Unauthorized);
        body["two_factor_required"]!.GetValue<bool>().ShouldBeTrue();
        return body;
    }
}
