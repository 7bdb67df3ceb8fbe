using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Tests.Accounts;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Security;

/// <summary>
/// Trust II, "no one takes another person's account": the public invite accept never touches an existing account,
/// accepting or joining an invite proves no mailbox, and the mailed password reset is how the owner of an address
/// wins back an account someone else registered with it.
/// </summary>
public abstract class AccountClaimTests(SwitchboardApp app)
{
    private const string AttackerPassword = "attacker-chose-this-9";

    /// <summary>An attacker's own workspace, its owner confirmed (only confirmed accounts send invite mail).</summary>
    private async Task<Business> AttackerWorkspaceAsync() =>
        await app.CreateBusinessAsync(await app.RegisterAsync(name: "Mallory"), plan: "pro");

    [Fact]
    public async Task An_unconfirmed_account_cannot_be_taken_over_through_an_invite_accept()
    {
        // The victim registered and made a workspace, but has not clicked the confirmation link yet.
        var victim = await app.RegisterAsync(name: "Victor Victim", confirm: false);
        var victimsWorkspace = await app.CreateBusinessAsync(victim);
        var attacker = await AttackerWorkspaceAsync();

        // The attacker invites the victim's address, reads the id from its own list and accepts with its own password.
        var invite = await attacker.InviteAsync(victim.Email, seat: "lite");
        var listed = (await attacker.Pipeback().GetAsync("/app/invites").ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray();
        listed.Select(i => i!.Id()).ShouldContain(invite.Id());
        var answer = await app.Anonymous().PostAsJsonAsync($"/app/invites/{invite.Id()}",
            InviteSteps.Acceptance(victim.Email, "Mallory", AttackerPassword)).ShouldAnswer(HttpStatusCode.UnprocessableEntity);

        answer.ShouldBeValidationError("email");
        answer["errors"]!["email"]![0]!.GetValue<string>().ShouldContain("Sign in and join");
        answer["token"].ShouldBeNull();
        // Nothing about the account changed: the victim still signs in with their own password, keeps their session
        // and their workspace; the attacker's password opens nothing.
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = victim.Email, password = "correct-horse" })
            .ShouldAnswer(HttpStatusCode.OK);
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = victim.Email, password = AttackerPassword })
            .ShouldAnswer(HttpStatusCode.Unauthorized);
        var me = await app.As(victim.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);
        me["email_verified"]!.GetValue<bool>().ShouldBeFalse();
        me["name"]?.GetValue<string>().ShouldNotBe("Mallory");
        (await app.As(victim.Token, victimsWorkspace.Id).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK))
            .AsArray().Single()!["role"]!.GetValue<string>().ShouldBe("owner");
        // The invite is still pending: the victim may join it by signing in, if they want to.
        (await app.Anonymous().GetAsync($"/app/invites/{invite.Id()}").ShouldAnswer(HttpStatusCode.OK))["data"]!.Text("email")
            .ShouldBe(victim.Email);
    }

    [Fact]
    public async Task A_confirmed_account_is_refused_the_same_way()
    {
        var owner = await AttackerWorkspaceAsync();
        var existing = await app.RegisterAsync(name: "Erin Existing");
        var invite = await owner.InviteAsync(Api.NewEmail("pending"));
        // An invite whose address later registered (and confirmed): the public accept still creates nothing.
        await app.WithDbAsync(db => db.Invites.Where(i => i.Id == invite.Id())
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Email, existing.Email)
                .SetProperty(i => i.NormalizedEmail, Switchboard.Domain.EmailAddress.Normalize(existing.Email))));
        (await app.Anonymous().PostAsJsonAsync($"/app/invites/{invite.Id()}", InviteSteps.Acceptance(existing.Email, password: AttackerPassword))
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity)).ShouldBeValidationError("email");
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = existing.Email, password = AttackerPassword })
            .ShouldAnswer(HttpStatusCode.Unauthorized);
        // Signing in and joining is the way in.
        await app.As(existing.Token).PostAsync($"/app/invites/{invite.Id()}/join", null).ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_account_made_by_accepting_an_invite_is_unconfirmed_until_its_mailbox_confirms()
    {
        var inviter = await AttackerWorkspaceAsync();
        var email = Api.NewEmail("invitee");
        var invite = await inviter.InviteAsync(email);
        var accepted = await app.Anonymous().PostAsJsonAsync($"/app/invites/{invite.Id()}", InviteSteps.Acceptance(email))
            .ShouldAnswer(HttpStatusCode.OK);
        accepted["user"]!["email_verified_at"].ShouldBeNull();
        var token = accepted.Text("token");
        (await app.As(token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK))["email_verified"]!.GetValue<bool>().ShouldBeFalse();

        // Treated like any unconfirmed account: another workspace cannot add it as an existing user.
        var other = await app.CreateBusinessAsync(plan: "pro");
        (await other.Client.PostAsync($"/api/v1/team/invite?email={Uri.EscapeDataString(email)}&role=admin", null)
            .ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldContain("not confirmed");

        // The confirmation mail went to the address; following it confirms.
        await app.ConfirmEmailAsync(email);
        (await app.As(token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK))["email_verified"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Joining_an_invite_does_not_confirm_the_address()
    {
        // A squatter registers someone's address, and invites it from a workspace of its own (the inviter knows the id).
        var squatter = await app.RegisterAsync(name: "Sam Squatter", confirm: false);
        var accomplice = await AttackerWorkspaceAsync();
        var invite = await accomplice.InviteAsync(squatter.Email, seat: "lite");
        await app.As(squatter.Token).PostAsync($"/app/invites/{invite.Id()}/join", null).ShouldAnswer(HttpStatusCode.OK);

        (await app.As(squatter.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK))["email_verified"]!.GetValue<bool>()
            .ShouldBeFalse();
        var victimOwner = await app.CreateBusinessAsync(plan: "pro");
        (await victimOwner.Client.PostAsync($"/api/v1/team/invite?email={Uri.EscapeDataString(squatter.Email)}&role=admin", null)
            .ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldContain("not confirmed");
    }

    [Fact]
    public async Task The_owner_of_the_mailbox_wins_the_account_back_with_a_password_reset()
    {
        var squatter = await app.RegisterAsync(name: "Sam Squatter", password: "squatters-own-9x", confirm: false);
        var squattersSecond = (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login",
            new { email = squatter.Email, password = "squatters-own-9x" }).ShouldAnswer(HttpStatusCode.OK)).Text("access_token");

        // The real owner asks for a link; only their mailbox receives it.
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/password/forgot", new { email = squatter.Email })
            .ShouldAnswer(HttpStatusCode.Accepted);
        var link = await PasswordResetSteps.ResetTokenAsync(app, squatter.Email);
        var reset = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/password/reset", new { token = link, password = "owners-new-secret-42" })
            .ShouldAnswer(HttpStatusCode.OK);
        reset.Text("token_type").ShouldBe("bearer");
        var ownersToken = reset.Text("access_token");

        // Every session of the earlier holder ends at once; the address is confirmed (the mailbox was proven).
        await app.As(squatter.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.Unauthorized);
        await app.As(squattersSecond).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.Unauthorized);
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = squatter.Email, password = "squatters-own-9x" })
            .ShouldAnswer(HttpStatusCode.Unauthorized);
        (await app.As(ownersToken).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK))["email_verified"]!.GetValue<bool>()
            .ShouldBeTrue();
        // Any confirmation link mailed before is void: it has nothing left to prove.
        (await app.WithDbAsync(db => db.EmailVerifications.CountAsync(v => v.UserId == squatter.UserId))).ShouldBe(0);
    }

    [Fact]
    public async Task Only_the_newest_confirmation_link_works()
    {
        var account = await app.RegisterAsync(confirm: false);
        var first = await app.VerificationTokenAsync(account.Email);
        await app.As(account.Token).PostAsync("/api/v1/auth/verify-email/resend", null).ShouldAnswer(HttpStatusCode.OK);
        var second = await app.VerificationTokenAsync(account.Email);
        second.ShouldNotBe(first);

        (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/verify-email", new { token = first }).ShouldAnswer(HttpStatusCode.BadRequest))
            .Detail().ShouldContain("invalid, used or expired");
        (await app.As(account.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK))["email_verified"]!.GetValue<bool>().ShouldBeFalse();
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/verify-email", new { token = second }).ShouldAnswer(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("\u212Aate")] // Kelvin sign for K
    [InlineData("\uFF4Bate")] // full-width k
    public async Task Login_compares_addresses_in_one_normal_form(string lookAlikeLocalPart)
    {
        var domain = $"{Guid.NewGuid():N}.example.com";
        await app.RegisterAsync(email: $"kate@{domain}");
        var refused = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login",
            new { email = $"{lookAlikeLocalPart}@{domain}", password = "correct-horse" }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        refused.ToJsonString().ShouldContain("look like others");
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = $"KATE@{domain}", password = "correct-horse" })
            .ShouldAnswer(HttpStatusCode.OK);
    }
}

public sealed class AccountClaimTestsOnSqlite(SqliteApp app) : AccountClaimTests(app), IClassFixture<SqliteApp>;

public sealed class AccountClaimTestsOnPostgres(PostgresApp app) : AccountClaimTests(app), IClassFixture<PostgresApp>;
