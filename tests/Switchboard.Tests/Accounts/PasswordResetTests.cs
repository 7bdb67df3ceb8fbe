using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Accounts;

public static class PasswordResetSteps
{
    /// <summary>The token of the newest reset mail to the address, once the mailer (which runs after the answer) wrote it.</summary>
    public static async Task<string> ResetTokenAsync(SwitchboardApp app, string email, int mails = 1)
    {
        await Polling.UntilAsync(async () => await ResetMailsAsync(app, email) >= mails, $"{mails} password reset mail(s) to {email}");
        var text = await app.NewestMailTextAsync(email, "password_reset");
        var match = System.Text.RegularExpressions.Regex.Match(text, @"/reset-password\?token=([A-Za-z0-9_-]+)");
        match.Success.ShouldBeTrue($"no reset link in: {text}");
        return match.Groups[1].Value;
    }

    public static Task<int> ResetMailsAsync(SwitchboardApp app, string email)
    {
        var key = Switchboard.Domain.EmailAddress.Normalize(email);
        return app.WithDbAsync(db => db.Outbox.CountAsync(m => m.RecipientKey == key && m.Kind == "password_reset"));
    }

    /// <summary>Waits until the mailer has handled every request queued so far (nothing left in its queue).</summary>
    public static Task DrainedAsync(SwitchboardApp app)
    {
        var requests = app.Services.GetRequiredService<Switchboard.Features.Accounts.PasswordResetRequests>();
        return Polling.UntilAsync(() => Task.FromResult(requests.Idle), "the password reset queue to drain");
    }
}

/// <summary>
/// Forgot → mailed link → reset, and change: one-time links that expire (on the app's fake clock), the same answer for
/// addresses with and without an account, every other session ended, and the password rules on each route.
/// </summary>
public abstract class PasswordResetTests<TApp>(TApp app) where TApp : SwitchboardApp, IClockedApp
{
    private Task<JsonNode> ForgotAsync(string email) =>
        app.Anonymous().PostAsJsonAsync("/api/v1/auth/password/forgot", new { email }).ShouldAnswer(HttpStatusCode.Accepted);

    private Task<HttpResponseMessage> ResetAsync(string token, string password = "brand-new-secret-77") =>
        app.Anonymous().PostAsJsonAsync("/api/v1/auth/password/reset", new { token, password });

    [Fact]
    public async Task Forgot_answers_alike_whether_or_not_the_address_has_an_account()
    {
        var account = await app.RegisterAsync();
        var stranger = Api.NewEmail("nobody");
        var known = await ForgotAsync(account.Email);
        var unknown = await ForgotAsync(stranger);
        unknown.ToJsonString().ShouldBe(known.ToJsonString());
        await PasswordResetSteps.DrainedAsync(app);
        (await PasswordResetSteps.ResetMailsAsync(app, account.Email)).ShouldBe(1);
        (await PasswordResetSteps.ResetMailsAsync(app, stranger)).ShouldBe(0);
        // Bad input is a clear 422, never a 500.
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/password/forgot", new { email = "not-an-address" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/password/forgot", new { })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_reset_link_works_once_and_signs_out_every_other_session()
    {
        var account = await app.RegisterAsync(password: "old-secret-phrase-1");
        await ForgotAsync(account.Email);
        var token = await PasswordResetSteps.ResetTokenAsync(app, account.Email);

        var answer = await ResetAsync(token).ShouldAnswer(HttpStatusCode.OK);
        answer.AsObject().Select(p => p.Key).ShouldBe(["access_token", "token_type"], ignoreOrder: true);
        await app.As(answer.Text("access_token")).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);
        await app.As(account.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.Unauthorized);
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = "brand-new-secret-77" })
            .ShouldAnswer(HttpStatusCode.OK);

        var again = await ResetAsync(token, "another-secret-phrase-2").ShouldAnswer(HttpStatusCode.Gone);
        again.Detail().ShouldContain("already used");
    }

    [Fact]
    public async Task A_reset_link_expires_after_thirty_minutes()
    {
        var account = await app.RegisterAsync();
        await ForgotAsync(account.Email);
        var token = await PasswordResetSteps.ResetTokenAsync(app, account.Email);
        app.Time.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));
        (await ResetAsync(token).ShouldAnswer(HttpStatusCode.Gone)).Detail().ShouldContain("expired");
        await app.As(account.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Only_the_newest_link_works_and_links_are_rationed_per_account()
    {
        var account = await app.RegisterAsync();
        await ForgotAsync(account.Email);
        var first = await PasswordResetSteps.ResetTokenAsync(app, account.Email, mails: 1);
        app.Time.Advance(TimeSpan.FromSeconds(1));
        await ForgotAsync(account.Email);
        var second = await PasswordResetSteps.ResetTokenAsync(app, account.Email, mails: 2);
        (await ResetAsync(first).ShouldAnswer(HttpStatusCode.Gone)).Detail().ShouldContain("newer");

        // Three links an hour per account; a fourth request answers the same and mails nothing.
        app.Time.Advance(TimeSpan.FromSeconds(1));
        await ForgotAsync(account.Email);
        await ForgotAsync(account.Email);
        await PasswordResetSteps.DrainedAsync(app);
        (await PasswordResetSteps.ResetMailsAsync(app, account.Email)).ShouldBe(3);
        app.Time.Advance(TimeSpan.FromHours(1));
        await ForgotAsync(account.Email);
        await PasswordResetSteps.ResetTokenAsync(app, account.Email, mails: 4);
        (await ResetAsync(second).ShouldAnswer(HttpStatusCode.Gone)).Detail().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Unknown_tokens_and_weak_passwords_are_refused_with_words()
    {
        (await ResetAsync("no-such-token-0123456789abcdef").ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldContain("invalid");
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/password/reset", new { token = 7, password = "x" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);

        var account = await app.RegisterAsync();
        await ForgotAsync(account.Email);
        var token = await PasswordResetSteps.ResetTokenAsync(app, account.Email);
        foreach (var weak in new[] { "aaaaaaaa", "qwertyuiop1", account.Email })
        {
            var refused = await ResetAsync(token, weak).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
            refused.ToJsonString().ShouldContain("too easy to guess");
        }
        // The refusals used nothing up.
        await ResetAsync(token).ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_session_and_ends_the_others()
    {
        var account = await app.RegisterAsync(password: "first-secret-phrase-1");
        var other = (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login",
            new { email = account.Email, password = "first-secret-phrase-1" }).ShouldAnswer(HttpStatusCode.OK)).Text("access_token");
        var me = app.As(account.Token);

        (await me.PostAsJsonAsync("/api/v1/auth/password/change", new { current_password = "wrong-one-entirely", new_password = "second-secret-phrase-2" })
            .ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldContain("current password");
        (await me.PostAsJsonAsync("/api/v1/auth/password/change", new { current_password = "first-secret-phrase-1", new_password = "aaaaaaaa" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity)).ToJsonString().ShouldContain("too easy to guess");
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/password/change", new { current_password = "x", new_password = "y" })
            .ShouldAnswer(HttpStatusCode.Unauthorized);
        await app.As(other).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);

        await me.PostAsJsonAsync("/api/v1/auth/password/change", new { current_password = "first-secret-phrase-1", new_password = "second-secret-phrase-2" })
            .ShouldAnswer(HttpStatusCode.OK);
        await me.GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);
        await app.As(other).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.Unauthorized);
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = "first-secret-phrase-1" })
            .ShouldAnswer(HttpStatusCode.Unauthorized);
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = "second-secret-phrase-2" })
            .ShouldAnswer(HttpStatusCode.OK);
    }
}

public sealed class PasswordResetTestsOnSqlite(ClockedSqliteApp app) : PasswordResetTests<ClockedSqliteApp>(app), IClassFixture<ClockedSqliteApp>;

public sealed class PasswordResetTestsOnPostgres(ClockedPostgresApp app) : PasswordResetTests<ClockedPostgresApp>(app), IClassFixture<ClockedPostgresApp>;
