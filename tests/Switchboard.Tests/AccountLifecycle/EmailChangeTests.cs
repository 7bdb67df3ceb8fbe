using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.AccountLifecycle;

/// <summary>
/// POST /api/v1/auth/email/change and /email/confirm: the password asked, a one-time link to the new address and a
/// notice to the old, the switch only when the new mailbox answers, the address still free and in its normal form;
/// links expire (fake clock), only the newest works, and requests are limited per account.
/// </summary>
public abstract class EmailChangeTests<TApp>(TApp app) where TApp : SwitchboardApp, IClockedApp
{
    private static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string newEmail, string password = "correct-horse") =>
        client.PostAsJsonAsync("/api/v1/auth/email/change", new { password, new_email = newEmail });

    private Task<HttpResponseMessage> ConfirmAsync(string token) =>
        app.Anonymous().PostAsJsonAsync("/api/v1/auth/email/confirm", new { token });

    [Fact]
    public async Task A_change_mails_the_new_address_a_link_and_the_old_a_notice_and_switches_when_confirmed()
    {
        var account = await app.RegisterAsync();
        var me = app.As(account.Token);
        var newEmail = Api.NewEmail("moved");

        await ChangeAsync(me, newEmail).ShouldAnswer(HttpStatusCode.Accepted);
        (await app.MailsAsync(account.Email, "email_change_notice")).ShouldBe(1);
        (await app.NewestMailTextAsync(account.Email, "email_change_notice")).ShouldContain(newEmail);
        (await me.GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK)).Text("email").ShouldBe(account.Email);
        var token = await app.EmailChangeTokenAsync(newEmail);

        var confirmed = await ConfirmAsync(token).ShouldAnswer(HttpStatusCode.OK);
        confirmed.Text("email").ShouldBe(newEmail);
        var now = await me.GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);
        now.Text("email").ShouldBe(newEmail);
        now["email_verified"]!.GetValue<bool>().ShouldBeTrue();
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = newEmail, password = "correct-horse" }).ShouldAnswer(HttpStatusCode.OK);
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = "correct-horse" })
            .ShouldAnswer(HttpStatusCode.Unauthorized);
        (await ConfirmAsync(token).ShouldAnswer(HttpStatusCode.Gone)).Detail().ShouldContain("already used");
        // The old address is free again.
        await app.RegisterAsync(account.Email, confirm: false);
    }

    [Fact]
    public async Task Wrong_password_taken_same_and_look_alike_addresses_are_refused_with_words()
    {
        var account = await app.RegisterAsync(Api.NewEmail("kate"));
        var other = await app.RegisterAsync();
        var me = app.As(account.Token);

        (await ChangeAsync(me, Api.NewEmail(), "not-the-password").ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldContain("password is not correct");
        (await ChangeAsync(me, other.Email.ToUpperInvariant()).ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldBe("Email already registered");
        (await ChangeAsync(me, account.Email.ToUpperInvariant()).ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldContain("already your");
        (await ChangeAsync(me, "\u212Aate-" + Guid.NewGuid().ToString("N") + "@example.com").ShouldAnswer(HttpStatusCode.UnprocessableEntity))
            .ToJsonString().ShouldContain("look like others");
        await ChangeAsync(me, "not-an-address").ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await me.PostAsJsonAsync("/api/v1/auth/email/change", new { new_email = Api.NewEmail() }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await ChangeAsync(app.Anonymous(), Api.NewEmail()).ShouldAnswer(HttpStatusCode.Unauthorized);
        (await ConfirmAsync("no-such-token-0123456789abcdef").ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldContain("invalid");
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/email/confirm", new { token = 5 }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        (await app.MailsAsync(account.Email, "email_change_notice")).ShouldBe(0);
    }

    [Fact]
    public async Task Only_the_newest_link_works_links_expire_after_a_day_and_requests_are_limited_per_account()
    {
        var account = await app.RegisterAsync();
        var me = app.As(account.Token);
        var first = Api.NewEmail("first");
        await ChangeAsync(me, first).ShouldAnswer(HttpStatusCode.Accepted);
        var firstToken = await app.EmailChangeTokenAsync(first);
        app.Time.Advance(TimeSpan.FromSeconds(1));
        var second = Api.NewEmail("second");
        await ChangeAsync(me, second).ShouldAnswer(HttpStatusCode.Accepted);
        var secondToken = await app.EmailChangeTokenAsync(second);
        (await ConfirmAsync(firstToken).ShouldAnswer(HttpStatusCode.Gone)).Detail().ShouldContain("newer");

        app.Time.Advance(TimeSpan.FromSeconds(1));
        await ChangeAsync(me, Api.NewEmail()).ShouldAnswer(HttpStatusCode.Accepted);
        var limited = await ChangeAsync(me, Api.NewEmail());
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();

        app.Time.Advance(TimeSpan.FromHours(25));
        var third = Api.NewEmail("third");
        await ChangeAsync(me, third).ShouldAnswer(HttpStatusCode.Accepted);
        var thirdToken = await app.EmailChangeTokenAsync(third);
        app.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        (await ConfirmAsync(thirdToken).ShouldAnswer(HttpStatusCode.Gone)).Detail().ShouldContain("expired");
        (await ConfirmAsync(secondToken).ShouldAnswer(HttpStatusCode.Gone)).Detail().ShouldNotBeNullOrEmpty();
        (await me.GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK)).Text("email").ShouldBe(account.Email);
    }

    [Fact]
    public async Task The_new_address_must_still_be_free_when_the_link_is_opened()
    {
        var account = await app.RegisterAsync();
        var wanted = Api.NewEmail("wanted");
        await ChangeAsync(app.As(account.Token), wanted).ShouldAnswer(HttpStatusCode.Accepted);
        var token = await app.EmailChangeTokenAsync(wanted);
        await app.RegisterAsync(wanted, confirm: false);

        (await ConfirmAsync(token).ShouldAnswer(HttpStatusCode.Conflict)).Detail().ShouldContain("Email already registered");
        (await app.As(account.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK)).Text("email").ShouldBe(account.Email);
    }
}

public sealed class EmailChangeTestsOnSqlite(ClockedSqliteApp app) : EmailChangeTests<ClockedSqliteApp>(app), IClassFixture<ClockedSqliteApp>;

public sealed class EmailChangeTestsOnPostgres(ClockedPostgresApp app) : EmailChangeTests<ClockedPostgresApp>(app), IClassFixture<ClockedPostgresApp>;
