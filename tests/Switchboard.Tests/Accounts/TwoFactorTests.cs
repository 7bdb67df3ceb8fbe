using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Accounts;

/// <summary>
/// The authenticator-app second factor through the real HTTP path, on the app's fake clock (RFC 6238 steps move
/// only when the test says): setup stays pending until a code confirms it, sign-in asks for a code only after the
/// right password, a code and a recovery code each work once, one step of skew is accepted and two are not.
/// </summary>
public abstract class TwoFactorTests<TApp>(TApp app) where TApp : SwitchboardApp, IClockedApp
{
    [Fact]
    public async Task Setup_stays_pending_until_a_code_from_the_app_confirms_it()
    {
        var account = await app.RegisterAsync(password: TwoFactorSteps.Password);
        var client = app.As(account.Token);
        var setup = await client.PostAsJsonAsync("/api/v1/auth/2fa/totp", new { password = TwoFactorSteps.Password }).ShouldAnswer(HttpStatusCode.OK);
        setup.AsObject().Select(p => p.Key).ShouldBe(["secret", "otpauth_uri", "qr_svg"], ignoreOrder: true);
        var secret = setup.Text("secret");
        setup.Text("otpauth_uri").ShouldBe(
            $"otpauth://totp/Switchboard:{Uri.EscapeDataString(account.Email)}?secret={secret}&issuer=Switchboard&algorithm=SHA1&digits=6&period=30");
        setup.Text("qr_svg").ShouldContain("<svg");
        setup.Text("qr_svg").ShouldNotContain("<script");

        // Pending: signing in is as before.
        await app.LoginAsync(account.Email, TwoFactorSteps.Password).ShouldAnswer(HttpStatusCode.OK);

        var key = Switchboard.Auth.TotpCodes.FromBase32(secret);
        var now = Switchboard.Auth.TotpCodes.StepAt(app.Time.GetUtcNow());
        var wrong = await client.PostAsJsonAsync("/api/v1/auth/2fa/totp/confirm", new { code = Switchboard.Auth.TotpCodes.Compute(key, now + 3) })
            .ShouldAnswer(HttpStatusCode.BadRequest);
        wrong.Detail().ShouldContain("not correct");
        var confirmed = await client.PostAsJsonAsync("/api/v1/auth/2fa/totp/confirm", new { code = Switchboard.Auth.TotpCodes.Compute(key, now) })
            .ShouldAnswer(HttpStatusCode.OK);
        var codes = confirmed["recovery_codes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        codes.Count.ShouldBe(10);
        codes.Distinct().Count().ShouldBe(10);

        // Now on: a new setup is refused until it is turned off, and the recovery codes are kept only as hashes.
        // PingBack words a conflict as FastAPI's 400 with a detail.
        (await client.PostAsJsonAsync("/api/v1/auth/2fa/totp", new { password = TwoFactorSteps.Password }).ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldContain("already on");
        var stored = await app.WithDbAsync(db => db.RecoveryCodes.Where(c => c.UserId == account.UserId).Select(c => c.CodeHash).ToListAsync());
        stored.Count.ShouldBe(10);
        stored.ShouldAllBe(hash => hash.Length == 64 && !codes.Any(c => hash.Contains(c.Replace("-", ""))));
        await app.LoginAsync(account.Email, TwoFactorSteps.Password).ShouldAnswer(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_secret_is_stored_protected_not_in_clear()
    {
        var who = await app.WithAuthenticatorAsync(app.Time);
        var secret = Switchboard.Auth.TotpCodes.ToBase32(who.Secret);
        var row = await app.WithDbAsync(db => db.TotpAuthenticators.AsNoTracking().SingleAsync(t => t.UserId == who.Account.UserId));
        row.ProtectedSecret.ShouldNotContain(secret);
        row.ProtectedSecret.ShouldNotContain(Convert.ToBase64String(who.Secret));
        row.ProtectedSecret.ShouldNotContain(Encoding.ASCII.GetString(who.Secret));
    }

    [Fact]
    public async Task Sign_in_asks_for_the_code_only_after_the_right_password()
    {
        var who = await app.WithAuthenticatorAsync(app.Time);

        var wrongPassword = await app.LoginAsync(who.Account.Email, "not-the-password", who.Code(app.Time)).ShouldAnswer(HttpStatusCode.Unauthorized);
        wrongPassword.Detail().ShouldBe("Incorrect email or password");
        wrongPassword["two_factor_required"].ShouldBeNull();
        (await app.LoginAsync(who.Account.Email, "not-the-password").ShouldAnswer(HttpStatusCode.Unauthorized))["two_factor_required"].ShouldBeNull();

        (await app.IsRefusedAsync(who, null)).Detail().ShouldBe("Two-factor code required");
        (await app.IsRefusedAsync(who, "")).Detail().ShouldBe("Two-factor code required");
        (await app.IsRefusedAsync(who, who.Code(app.Time, 5))).Detail().ShouldContain("not correct");
        (await app.IsRefusedAsync(who, "not-a-code")).Detail().ShouldContain("not correct");
        await app.SignsInAsync(who, who.Code(app.Time));
    }

    [Fact]
    public async Task A_code_is_good_for_one_sign_in()
    {
        var who = await app.WithAuthenticatorAsync(app.Time);
        var code = who.Code(app.Time);
        await app.SignsInAsync(who, code);
        await app.IsRefusedAsync(who, code);
        // An older code is no good either, even inside the skew window: the newest used step moves forward only.
        await app.IsRefusedAsync(who, who.Code(app.Time, -1));
        app.Time.Advance(TimeSpan.FromSeconds(30));
        await app.IsRefusedAsync(who, code);
        await app.SignsInAsync(who, who.Code(app.Time));
    }

    [Fact]
    public async Task Two_sign_ins_racing_with_one_code_let_exactly_one_in()
    {
        var who = await app.WithAuthenticatorAsync(app.Time);
        var code = who.Code(app.Time);
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.LoginAsync(who.Account.Email, who.Password, code)));
        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        // The others are refused: the code was spent (401), or the throttle counted them as in flight (429).
        answers.Where(a => a.StatusCode != HttpStatusCode.OK)
            .ShouldAllBe(a => a.StatusCode == HttpStatusCode.Unauthorized || a.StatusCode == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task One_step_of_clock_skew_is_accepted_and_two_are_refused()
    {
        var who = await app.WithAuthenticatorAsync(app.Time);
        // Clear of the step that confirmed the setup, so the step before now has never been used.
        app.Time.Advance(TimeSpan.FromSeconds(60));
        await app.IsRefusedAsync(who, who.Code(app.Time, -2));
        await app.IsRefusedAsync(who, who.Code(app.Time, 2));
        await app.SignsInAsync(who, who.Code(app.Time, -1));
        app.Time.Advance(TimeSpan.FromSeconds(90));
        await app.SignsInAsync(who, who.Code(app.Time, 1));
    }

    [Fact]
    public async Task A_recovery_code_works_once()
    {
        var who = await app.WithAuthenticatorAsync(app.Time);
        await app.SignsInAsync(who, who.RecoveryCodes[0]);
        await app.IsRefusedAsync(who, who.RecoveryCodes[0]);
        // Typed as people do: capitals, no dashes, spaces around.
        await app.SignsInAsync(who, $" {who.RecoveryCodes[1].Replace("-", "").ToUpperInvariant()} ");
        await app.IsRefusedAsync(who, who.RecoveryCodes[1]);
        (await app.WithDbAsync(db => db.RecoveryCodes.CountAsync(c => c.UserId == who.Account.UserId && c.UsedAt == null))).ShouldBe(8);
    }

    [Fact]
    public async Task Turning_it_off_needs_the_password_and_a_code()
    {
        var who = await app.WithAuthenticatorAsync(app.Time);
        var client = app.As(who.Account.Token);
        Task<HttpResponseMessage> Disable(object body) =>
            client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/auth/2fa/totp") { Content = JsonContent.Create(body) });

        (await Disable(new { password = "wrong-password", code = who.Code(app.Time) }).ShouldAnswer(HttpStatusCode.BadRequest))
            .Detail().ShouldContain("password is not correct");
        (await Disable(new { password = who.Password, code = who.Code(app.Time, 4) }).ShouldAnswer(HttpStatusCode.BadRequest))
            .Detail().ShouldContain("not correct");
        await Disable(new { password = who.Password, code = who.Code(app.Time) }).ShouldAnswer(HttpStatusCode.NoContent);

        await app.LoginAsync(who.Account.Email, who.Password).ShouldAnswer(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.RecoveryCodes.CountAsync(c => c.UserId == who.Account.UserId))).ShouldBe(0);
        (await Disable(new { password = who.Password, code = who.Code(app.Time) }).ShouldAnswer(HttpStatusCode.BadRequest))
            .Detail().ShouldContain("not on");
    }

    [Fact]
    public async Task Wrong_codes_slow_that_address_down_and_the_right_code_works_after_the_wait()
    {
        var who = await app.WithAuthenticatorAsync(app.Time);
        for (var i = 0; i < 5; i++) await app.IsRefusedAsync(who, "000000" == who.Code(app.Time) ? "111111" : "000000");
        var limited = await app.LoginAsync(who.Account.Email, who.Password, who.Code(app.Time));
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        app.Time.Advance(TimeSpan.FromSeconds(61));
        await app.SignsInAsync(who, who.Code(app.Time));
    }

    [Fact]
    public async Task A_password_reset_does_not_get_past_the_second_factor()
    {
        var who = await app.WithAuthenticatorAsync(app.Time);
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/password/forgot", new { email = who.Account.Email }).ShouldAnswer(HttpStatusCode.Accepted);
        var token = await PasswordResetSteps.ResetTokenAsync(app, who.Account.Email);
        Task<HttpResponseMessage> Reset(string? otp) => app.Anonymous().PostAsJsonAsync("/api/v1/auth/password/reset",
            otp is null ? new { token, password = "brand-new-secret-77" } : (object)new { token, password = "brand-new-secret-77", otp });

        (await Reset(null).ShouldAnswer(HttpStatusCode.Unauthorized))["two_factor_required"]!.GetValue<bool>().ShouldBeTrue();
        (await Reset(who.Code(app.Time, 7)).ShouldAnswer(HttpStatusCode.Unauthorized)).Detail().ShouldContain("not correct");
        // The link was not spent by the refusals; with the code it works, and the old password is gone.
        await Reset(who.Code(app.Time)).ShouldAnswer(HttpStatusCode.OK);
        await app.LoginAsync(who.Account.Email, who.Password, who.RecoveryCodes[0]).ShouldAnswer(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_squatters_authenticator_does_not_keep_the_mailbox_owner_out()
    {
        // Someone registers another person's address (never confirming it) and turns on an authenticator.
        var squatter = await app.RegisterAsync(password: TwoFactorSteps.Password, confirm: false);
        var client = app.As(squatter.Token);
        var setup = await client.PostAsJsonAsync("/api/v1/auth/2fa/totp", new { password = TwoFactorSteps.Password }).ShouldAnswer(HttpStatusCode.OK);
        var secret = Switchboard.Auth.TotpCodes.FromBase32(setup.Text("secret"));
        await client.PostAsJsonAsync("/api/v1/auth/2fa/totp/confirm",
            new { code = Switchboard.Auth.TotpCodes.Compute(secret, Switchboard.Auth.TotpCodes.StepAt(app.Time.GetUtcNow())) })
            .ShouldAnswer(HttpStatusCode.OK);

        // The mailbox's owner resets without any code: the factor was set up by someone who never proved the address.
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/password/forgot", new { email = squatter.Email }).ShouldAnswer(HttpStatusCode.Accepted);
        var token = await PasswordResetSteps.ResetTokenAsync(app, squatter.Email);
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/password/reset", new { token, password = "owners-new-secret-42" })
            .ShouldAnswer(HttpStatusCode.OK);
        await app.LoginAsync(squatter.Email, "owners-new-secret-42").ShouldAnswer(HttpStatusCode.OK);
        await client.GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.Unauthorized);
        (await app.WithDbAsync(db => db.TotpAuthenticators.CountAsync(t => t.UserId == squatter.UserId))).ShouldBe(0);
    }

    [Fact]
    public async Task Setup_asks_for_the_password_so_a_stolen_session_cannot_lock_the_owner_out()
    {
        // Whoever holds only a token (a laptop left open, a leaked bearer) cannot put a factor between the owner and
        // their account: without the password nothing is set up and sign-in stays as it was.
        var account = await app.RegisterAsync(password: TwoFactorSteps.Password);
        var thief = app.As(account.Token);
        (await thief.PostAsJsonAsync("/api/v1/auth/2fa/totp", new { password = "a-guess" }).ShouldAnswer(HttpStatusCode.BadRequest))
            .Detail().ShouldBe("The password is not correct.");
        (await thief.PostAsJsonAsync("/api/v1/auth/2fa/totp", new { }).ShouldAnswer(HttpStatusCode.UnprocessableEntity))
            .ToString().ShouldContain("password");
        await thief.PostAsync("/api/v1/auth/2fa/totp", null).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        (await app.WithDbAsync(db => db.TotpAuthenticators.CountAsync(t => t.UserId == account.UserId))).ShouldBe(0);
        await app.LoginAsync(account.Email, TwoFactorSteps.Password).ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bad_input_is_a_clear_4xx_never_a_500()
    {
        var account = await app.RegisterAsync(password: TwoFactorSteps.Password);
        var client = app.As(account.Token);
        await app.Anonymous().PostAsync("/api/v1/auth/2fa/totp", null).ShouldAnswer(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync("/api/v1/auth/2fa/totp/confirm", new { code = "123456" }).ShouldAnswer(HttpStatusCode.BadRequest))
            .Detail().ShouldContain("Start the authenticator setup first");
        await client.PostAsJsonAsync("/api/v1/auth/2fa/totp", new { password = TwoFactorSteps.Password }).ShouldAnswer(HttpStatusCode.OK);
        await client.PostAsJsonAsync("/api/v1/auth/2fa/totp/confirm", new { }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await client.PostAsJsonAsync("/api/v1/auth/2fa/totp/confirm", new { code = 123456 }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await client.PostAsJsonAsync("/api/v1/auth/2fa/totp/confirm", new { code = new string('1', 500) }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await client.PostAsync("/api/v1/auth/2fa/totp/confirm", new StringContent("{not json", Encoding.UTF8, "application/json"))
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await client.PostAsJsonAsync("/api/v1/auth/2fa/totp/confirm", new { code = "12 34 56" }).ShouldAnswer(HttpStatusCode.BadRequest);
        await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/auth/2fa/totp") { Content = JsonContent.Create(new { }) })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await client.DeleteAsync("/api/v1/auth/2fa/totp").ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = TwoFactorSteps.Password, otp = 123456 })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = TwoFactorSteps.Password, otp = new string('9', 100) })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
    }
}

public sealed class TwoFactorTestsOnSqlite(ClockedSqliteApp app) : TwoFactorTests<ClockedSqliteApp>(app), IClassFixture<ClockedSqliteApp>;

public sealed class TwoFactorTestsOnPostgres(ClockedPostgresApp app) : TwoFactorTests<ClockedPostgresApp>(app), IClassFixture<ClockedPostgresApp>;
