using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Invites;

/// <summary>POST /app/invites/{id}, against the seed's Accept an Invite example and validation rules.</summary>
public abstract class AcceptInviteTests(SwitchboardApp app, MailDrop mail)
{
    [Fact]
    public async Task Accepting_answers_the_seed_token_and_user_and_deletes_the_invite()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("newuser");
        var invite = await business.InviteAsync(email);

        var body = await app.Anonymous().PostAsJsonAsync($"/app/invites/{invite.Id()}",
            InviteSteps.Acceptance(email, device: "web")).ShouldAnswer(HttpStatusCode.OK);

        body.Keys().ShouldBe(["token", "user"], ignoreOrder: true);
        body.Text("token").ShouldMatch(@"^\d+\|[A-Za-z0-9]{40}$");
        var user = body["user"]!;
        user.Keys().ShouldBe(InviteSteps.UserKeys, ignoreOrder: true);
        user.Text("name").ShouldBe("New User");
        user.Text("email").ShouldBe(email);
        Guid.TryParse(user.Text("id"), out _).ShouldBeTrue();
        // The seed's field, null: accepting proves nothing about the mailbox (the inviter knows the link too).
        user.Keys().ShouldContain("email_verified_at");
        user["email_verified_at"].ShouldBeNull();
        user.Text("created_at").ShouldBeUserTimestamp();
        user.Text("updated_at").ShouldBeUserTimestamp();

        await app.Anonymous().GetAsync($"/app/invites/{invite.Id()}").ShouldAnswer(HttpStatusCode.NotFound);
        (await business.Pipeback().GetAsync("/app/invites").ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray().ShouldBeEmpty();
        var tokenName = await app.WithDbAsync(db => db.ApiTokens.Where(t => t.UserId == Guid.Parse(user.Text("id")))
            .Select(t => t.Name).SingleAsync());
        tokenName.ShouldBe("web");
    }

    [Fact]
    public async Task The_token_works_at_once_on_both_faces_and_the_address_waits_for_its_mailed_link()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("both");
        var token = await app.AcceptAsync((await business.InviteAsync(email)).Id(), email);

        var pingBack = await app.As(token, business.Id).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);
        pingBack.AsArray().Select(m => m!.Text("email")).ShouldBe([business.Owner.Email, email], ignoreOrder: true);
        var pipeback = await app.As(token, business.Id).GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK);
        pipeback["data"]!.AsArray().Select(m => m!.Text("email")).ShouldBe([business.Owner.Email, email], ignoreOrder: true);
        var me = await app.As(token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);
        me["email_verified"]!.GetValue<bool>().ShouldBeFalse();
        await app.ConfirmEmailAsync(email);
        (await app.As(token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK))["email_verified"]!.GetValue<bool>().ShouldBeTrue();
        var login = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email, password = InviteSteps.Password })
            .ShouldAnswer(HttpStatusCode.OK);
        login.Text("access_token").ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task The_new_member_gets_the_invited_seat_and_role_the_default_team_the_welcome_setup_a_ledger_entry_and_an_audit_row()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("setup");
        var invite = await business.InviteAsync(email, "lite", "admin");
        var token = await app.AcceptAsync(invite.Id(), email);

        var member = (await app.As(token, business.Id).GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK))["data"]!
            .AsArray().Single(m => m!.Text("email") == email)!;
        member.Text("seat").ShouldBe("lite");
        member.Text("role").ShouldBe("admin");
        var memberId = member.Id();
        var userId = Guid.Parse(member.Text("user_id"));
        (await app.WithDbAsync(db => db.TeamMembers.Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => new { m, t })
            .AnyAsync(x => x.m.MembershipId == memberId && x.t.IsDefault))).ShouldBeTrue();
        (await app.WithDbAsync(db => db.NotificationPreferences.AnyAsync(p => p.UserId == userId && p.WorkspaceId == business.Id)))
            .ShouldBeTrue();
        (await app.WithDbAsync(db => db.AuditEvents.AnyAsync(a => a.WorkspaceId == business.Id && a.Action == "invite.accepted")))
            .ShouldBeTrue();
        var ledger = (await business.Pipeback().GetAsync("/app/subscription").ShouldAnswer(HttpStatusCode.OK))["data"]!["ledger"]!.AsArray();
        ledger.ShouldContain(e => e!.Text("reason") == "invite_accepted" && e.Text("user_id") == userId.ToString()
            && e.Text("seat") == "lite" && e!["change"]!.GetValue<int>() == 1);
        (await mail.WaitForAsync(email, kind: "welcome")).Subject.ShouldBe("Welcome to Acme Support on Switchboard");
        app.Events.Of<MemberJoined>(business.Id).ShouldContain(e => e.UserId == userId && e.MembershipId == memberId);
        app.Events.Of<InviteAccepted>(business.Id).ShouldContain(e => e.InviteId == invite.Id() && e.UserId == userId);
    }

    [Fact]
    public async Task Device_defaults_to_default()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("device");
        var token = await app.AcceptAsync((await business.InviteAsync(email)).Id(), email);
        var id = long.Parse(token.Split('|')[0]);
        (await app.WithDbAsync(db => db.ApiTokens.Where(t => t.Id == id).Select(t => t.Name).SingleAsync())).ShouldBe("default");
    }

    public static TheoryData<string, string, string?> Violations()
    {
        var name255 = new string('n', 255);
        var longPassword = new string('p', 256);
        return new()
        {
            { """{"name":"N","password":"secure_password_123","password_confirmation":"secure_password_123"}""", "email", "The email field is required." },
            { """{"email":"not-an-email","name":"N","password":"secure_password_123","password_confirmation":"secure_password_123"}""", "email", "The email field must be a valid email address." },
            { """{"email":"someone-else@example.com","name":"N","password":"secure_password_123","password_confirmation":"secure_password_123"}""", "email", "The email must match the address the invitation was sent to." },
            { """{"email":"{email}","password":"secure_password_123","password_confirmation":"secure_password_123"}""", "name", "The name field is required." },
            { """{"email":"{email}","name":"   ","password":"secure_password_123","password_confirmation":"secure_password_123"}""", "name", "The name field is required." },
            { $$"""{"email":"{email}","name":"{{name255}}x","password":"secure_password_123","password_confirmation":"secure_password_123"}""", "name", "The name field must not be greater than 255 characters." },
            { """{"email":"{email}","name":"N","password_confirmation":"secure_password_123"}""", "password", "The password field is required." },
            { """{"email":"{email}","name":"N","password":"short","password_confirmation":"short"}""", "password", "The password field must be at least 8 characters." },
            { $$"""{"email":"{email}","name":"N","password":"{{longPassword}}","password_confirmation":"{{longPassword}}"}""", "password", "The password field must not be greater than 255 characters." },
            { """{"email":"{email}","name":"N","password":"secure_password_123"}""", "password_confirmation", "The password confirmation field is required." },
            { """{"email":"{email}","name":"N","password":"secure_password_123","password_confirmation":"other_password_123"}""", "password", "The password field confirmation does not match." },
            { """{"email":"{email}","name":"N","password":"secure_password_123","password_confirmation":"secure_password_123","device":7}""", "device", "The device field must be a string." },
            { """{"email":"{email}","name":["N"],"password":"secure_password_123","password_confirmation":"secure_password_123"}""", "name", "The name field must be a string." },
            { """{"email":"{email}",""", "body", null },
        };
    }

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Each_validation_rule_is_a_Laravel_422_and_the_invite_stays_pending(string json, string field, string? message)
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("rules");
        var invite = await business.InviteAsync(email);

        var body = await app.Anonymous().PostAsync($"/app/invites/{invite.Id()}",
                new StringContent(json.Replace("{email}", email), Encoding.UTF8, "application/json"))
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);

        body.ShouldBeValidationError(field, message);
        await app.Anonymous().GetAsync($"/app/invites/{invite.Id()}").ShouldAnswer(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Users.AnyAsync(u => u.NormalizedEmail == email))).ShouldBeFalse();
    }

    [Fact]
    public async Task The_email_matches_the_invite_case_insensitively()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("mixed");
        var invite = await business.InviteAsync(email);
        await app.Anonymous().PostAsJsonAsync($"/app/invites/{invite.Id()}", InviteSteps.Acceptance(email.ToUpperInvariant()))
            .ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_email_with_an_account_is_told_to_sign_in_and_can_join_signed_in()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("later");
        var invite = await business.InviteAsync(email);
        var account = await app.RegisterAsync(email); // signed up on their own after the invite went out

        var body = await app.Anonymous().PostAsJsonAsync($"/app/invites/{invite.Id()}", InviteSteps.Acceptance(email))
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        body.ShouldBeValidationError("email", Switchboard.Features.Invites.AcceptInvite.HasAccount);

        await app.As(account.Token).PostAsync($"/app/invites/{invite.Id()}/join", null).ShouldAnswer(HttpStatusCode.OK);
        var members = await app.As(account.Token, business.Id).GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK);
        members["data"]!.AsArray().Select(m => m!.Text("email")).ShouldContain(email);
    }

    [Fact]
    public async Task Of_concurrent_accepts_of_one_invite_exactly_one_succeeds()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("race");
        var invite = await business.InviteAsync(email);

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(async i =>
        {
            using var client = app.Anonymous();
            var response = await client.PostAsJsonAsync($"/app/invites/{invite.Id()}", InviteSteps.Acceptance(email, $"Racer {i}"));
            return response.StatusCode;
        }));

        answers.Count(s => s == HttpStatusCode.OK).ShouldBe(1);
        answers.Where(s => s != HttpStatusCode.OK).ShouldAllBe(s => s == HttpStatusCode.NotFound || s == HttpStatusCode.UnprocessableEntity);
        (await app.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == email))).ShouldBe(1);
        var members = await business.Pipeback().GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK);
        members["data"]!.AsArray().Count(m => m!.Text("email") == email).ShouldBe(1);
    }

    [Fact]
    public async Task An_expired_or_already_accepted_invite_is_404()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var expiredEmail = Api.NewEmail("expired");
        var expired = await business.InviteAsync(expiredEmail);
        await app.ExpireAsync(expired.Id());
        (await app.Anonymous().PostAsJsonAsync($"/app/invites/{expired.Id()}", InviteSteps.Acceptance(expiredEmail))
            .ShouldAnswer(HttpStatusCode.NotFound)).ToJsonString().ShouldBe("""{"message":"Invite not found.","code":"invite_expired"}""");

        var email = Api.NewEmail("once");
        var invite = await business.InviteAsync(email);
        await app.AcceptAsync(invite.Id(), email);
        await app.Anonymous().PostAsJsonAsync($"/app/invites/{invite.Id()}", InviteSteps.Acceptance(email))
            .ShouldAnswer(HttpStatusCode.NotFound);
    }
}

public sealed class AcceptInviteTestsOnSqlite(PickupSqliteApp app) : AcceptInviteTests(app, app.Mail), IClassFixture<PickupSqliteApp>;

public sealed class AcceptInviteTestsOnPostgres(PickupPostgresApp app) : AcceptInviteTests(app, app.Mail), IClassFixture<PickupPostgresApp>;
