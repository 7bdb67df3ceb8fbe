using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Data;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Security;

/// <summary>
/// An address is claimed by proving the mailbox, never by registering first: registration mails a link,
/// only confirmed accounts are added by either invite route, and look-alike spellings are refused.
/// </summary>
public abstract class EmailConfirmationTests(SwitchboardApp app)
{
    private const string Kelvin = "\u212A";

    [Fact]
    public async Task Registering_mails_a_link_that_confirms_the_address_once()
    {
        var account = await app.RegisterAsync(confirm: false);
        var me = app.As(account.Token);
        (await me.GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK))["email_verified"]!.GetValue<bool>().ShouldBeFalse();

        var mail = await app.NewestMailTextAsync(account.Email, "verify_email");
        mail.ShouldContain("http://localhost:5080/verify-email?token=");
        var token = await app.VerificationTokenAsync(account.Email);
        var confirmed = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/verify-email", new { token }).ShouldAnswer(HttpStatusCode.OK);
        confirmed["email_verified"]!.GetValue<bool>().ShouldBeTrue();
        (await me.GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK))["email_verified"]!.GetValue<bool>().ShouldBeTrue();

        (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/verify-email", new { token }).ShouldAnswer(HttpStatusCode.BadRequest))
            .Detail().ShouldContain("invalid, used or expired");
        (await me.PostAsync("/api/v1/auth/verify-email/resend", null).ShouldAnswer(HttpStatusCode.BadRequest))
            .Detail().ShouldBe("Your email address is already confirmed");
    }

    [Fact]
    public async Task Bad_and_expired_tokens_are_refused()
    {
        var anonymous = app.Anonymous();
        (await anonymous.PostAsJsonAsync("/api/v1/auth/verify-email", new { token = "not-a-real-token-at-all-0123456789" })
            .ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldContain("invalid");
        await anonymous.PostAsJsonAsync("/api/v1/auth/verify-email", new { }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await anonymous.PostAsJsonAsync("/api/v1/auth/verify-email", new { token = 42 }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);

        var account = await app.RegisterAsync(confirm: false);
        var token = await app.VerificationTokenAsync(account.Email);
        // 48 hours later (the row's clock moved rather than the test waiting).
        await app.WithDbAsync(db => db.EmailVerifications.Where(v => v.UserId == account.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.ExpiresAt, app.Now.AddSeconds(-1))));
        await anonymous.PostAsJsonAsync("/api/v1/auth/verify-email", new { token }).ShouldAnswer(HttpStatusCode.BadRequest);
        (await app.As(account.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK))["email_verified"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task A_new_link_can_be_asked_for_a_few_times_a_day()
    {
        var account = await app.RegisterAsync(confirm: false);
        var me = app.As(account.Token);
        await app.Anonymous().PostAsync("/api/v1/auth/verify-email/resend", null).ShouldAnswer(HttpStatusCode.Unauthorized);
        for (var i = 0; i < 4; i++)
            (await me.PostAsync("/api/v1/auth/verify-email/resend", null).ShouldAnswer(HttpStatusCode.OK))
                ["message"]!.GetValue<string>().ShouldContain(account.Email);
        // The registration mail plus four: the fifth of the day is the last.
        var refused = await me.PostAsync("/api/v1/auth/verify-email/resend", null);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        (await refused.ReadJsonAsync()).Detail().ShouldContain("Try again in");
        (await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.To == account.Email && m.Kind == "verify_email"))).ShouldBe(5);
        // Any of the links works.
        await app.ConfirmEmailAsync(account.Email);
    }

    [Fact]
    public async Task The_PingBack_invite_refuses_an_unconfirmed_account_and_adds_it_once_confirmed()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var kate = await app.RegisterAsync(confirm: false);
        (await business.Client.PostAsync($"/api/v1/team/invite?email={kate.Email}&role=admin", null).ShouldAnswer(HttpStatusCode.BadRequest))
            .Detail().ShouldBe("User has not confirmed their email address");
        (await business.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);

        await app.ConfirmEmailAsync(kate.Email);
        await business.Client.PostAsync($"/api/v1/team/invite?email={kate.Email}&role=admin", null).ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_Pipeback_invite_mails_an_unconfirmed_account_instead_of_adding_it()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var kate = await app.RegisterAsync(confirm: false);
        var invite = await business.InviteAsync(kate.Email, "full", "admin");
        invite.Text("email").ShouldBe(kate.Email);
        (await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.To == kate.Email && m.Kind == "invite"))).ShouldBe(1);
        (await business.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Whoever_registered_an_address_without_proving_it_loses_it_to_the_mailbox_owner()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("kate");
        var squatter = await app.RegisterAsync(email, name: "Not Kate", password: "squatters-own-9x", confirm: false);
        var invite = await business.InviteAsync(email, "full", "admin");

        // The invite link alone proves nothing (the inviter knows it too): the public accept is refused...
        await app.Anonymous().PostAsJsonAsync($"/app/invites/{invite.Id()}", InviteSteps.Acceptance(email, "Kate Real", "kates-own-secret-42"))
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        // ...and the mailbox wins: a reset from the mailed link, then the invite joined signed in.
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/password/forgot", new { email }).ShouldAnswer(HttpStatusCode.Accepted);
        var reset = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/password/reset",
            new { token = await Accounts.PasswordResetSteps.ResetTokenAsync(app, email), password = "kates-own-secret-42" })
            .ShouldAnswer(HttpStatusCode.OK);
        var kate = app.As(reset["access_token"]!.GetValue<string>());
        await kate.PostAsync($"/app/invites/{invite.Id()}/join", null).ShouldAnswer(HttpStatusCode.OK);
        var me = await kate.GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);
        me["email_verified"]!.GetValue<bool>().ShouldBeTrue();
        me["businesses"]!.AsArray().Single()!["role"]!.GetValue<string>().ShouldBe("admin");

        // The squatter's session and password are gone.
        await app.As(squatter.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.Unauthorized);
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "squatters-own-9x" })
            .ShouldAnswer(HttpStatusCode.Unauthorized);
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "kates-own-secret-42" })
            .ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_confirmed_account_still_gets_the_seed_answer_when_accepting()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("kate");
        await app.RegisterAsync(email, confirm: true);
        // Invited by the Pipeback route, a confirmed account is added at once (seed); the link route says sign in.
        (await business.Pipeback().PostAsJsonAsync("/app/invites", new { email, seat = "lite" }).ShouldAnswer(HttpStatusCode.OK))
            .Text("message").ShouldBe("User already has an account and was added to the workspace automatically.");
    }

    [Theory]
    [InlineData(Kelvin + "ate@corp.example")]          // Kelvin sign for K
    [InlineData("ｋate@corp.example")]                  // full-width k
    [InlineData("jose\u0301@corp.example")]            // decomposed accent (NFD)
    [InlineData("kate@corp\u2024example")]             // one-dot leader for '.'
    [InlineData("ka\u200Dte@corp.example")]            // zero-width joiner
    [InlineData("kate\u202E@corp.example")]            // right-to-left override
    public async Task Look_alike_addresses_are_refused_everywhere(string email)
    {
        var registered = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/register",
            new { email, full_name = "Mallory", password = "mallory-password-1" }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        registered["detail"]![0]!["loc"]!.AsArray().Select(l => l!.GetValue<string>()).ShouldBe(["body", "email"]);

        var business = await app.CreateBusinessAsync(plan: "mini");
        (await business.Pipeback().PostAsJsonAsync("/app/invites", new { email, seat = "full" }).ShouldAnswer(HttpStatusCode.UnprocessableEntity))
            .ShouldBeValidationError("email");
        await business.Client.PostAsync($"/api/v1/team/invite?email={Uri.EscapeDataString(email)}", null)
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task An_address_in_another_case_or_composed_form_is_the_same_account()
    {
        var email = $"José-{Guid.NewGuid():N}@Corp.Example";
        await app.RegisterAsync(email);
        (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/register",
            new { email = email.ToUpperInvariant(), full_name = "Twin", password = "another-password-1" }).ShouldAnswer(HttpStatusCode.BadRequest))
            .Detail().ShouldBe("Email already registered");
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = email.ToLowerInvariant(), password = "correct-horse" })
            .ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task After_an_upgrade_an_address_stored_under_the_old_key_still_signs_in()
    {
        // What the last release stored for a decomposed address: the lower-cased NFD spelling as the key.
        var nfd = $"jose\u0301-{Guid.NewGuid():N}@example.com";
        var id = Guid.NewGuid();
        await app.WithDbAsync(async db =>
        {
            var hasher = app.Services.GetRequiredService<IPasswordHasher<Switchboard.Domain.User>>();
            var user = new Switchboard.Domain.User
            {
                Id = id, Email = nfd, NormalizedEmail = nfd.ToLowerInvariant(), Name = "José", PasswordHash = "",
                CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            };
            user.PasswordHash = hasher.HashPassword(user, "correct-horse");
            db.Users.Add(user);
            return await db.SaveChangesAsync();
        });
        var composed = nfd.Normalize(NormalizationForm.FormC);
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = composed, password = "correct-horse" })
            .ShouldAnswer(HttpStatusCode.Unauthorized);

        await app.WithDbAsync(async db =>
        {
            await EmailKeyUpgrade.RunAsync(db, NullLogger.Instance);
            return 0;
        });
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = composed, password = "correct-horse" })
            .ShouldAnswer(HttpStatusCode.OK);
        // Login takes the address rule of every other route: the decomposed spelling is refused, never folded.
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = nfd, password = "correct-horse" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
    }
}

public sealed class EmailConfirmationTestsOnSqlite(SqliteApp app) : EmailConfirmationTests(app), IClassFixture<SqliteApp>;

public sealed class EmailConfirmationTestsOnPostgres(PostgresApp app) : EmailConfirmationTests(app), IClassFixture<PostgresApp>;
