using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Refusals;

/// <summary>
/// Each refusal the dashboard tells apart carries its stable code (Domain/RefusalCodes) beside unchanged words, on
/// both faces where the refusal exists on both (issues 26, 29): clients switch on the code, never on the sentence.
/// </summary>
public abstract class RefusalCodeTests(SwitchboardApp app)
{
    [Fact]
    public async Task An_unconfirmed_account_inviting_or_joining_by_a_link_is_email_unconfirmed()
    {
        var owner = await app.RegisterAsync(confirm: false);
        var business = await app.CreateBusinessAsync(owner);

        var invite = await business.Pipeback().PostAsJsonAsync("/app/invites", new { email = Api.NewEmail(), seat = "lite" })
            .ShouldAnswer(HttpStatusCode.Forbidden);
        invite.Text("message").ShouldBe("Confirm your email address before inviting people.");
        invite.Text("code").ShouldBe("email_unconfirmed");
        var join = await app.As(owner.Token).PostAsJsonAsync("/app/invite-links/join", new { token = "any-secret" })
            .ShouldAnswer(HttpStatusCode.Forbidden);
        join.Text("code").ShouldBe("email_unconfirmed");
    }

    [Fact]
    public async Task A_role_without_the_right_is_forbidden_and_an_admin_inviting_an_admin_is_admins_agents_only_on_both_faces()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (agent, _) = await business.AddMemberAsync("agent");
        var (admin, _) = await business.AddMemberAsync("admin");

        var pingBack = await app.As(agent.Token, business.Id).PostAsync($"/api/v1/team/invite?email={Api.NewEmail()}", null)
            .ShouldAnswer(HttpStatusCode.Forbidden);
        Code(pingBack, "detail").ShouldBe("forbidden");
        var pipeback = await app.As(admin.Token, business.Id).PostAsJsonAsync("/app/invites", new { email = Api.NewEmail(), seat = "lite" })
            .ShouldAnswer(HttpStatusCode.Forbidden);
        Code(pipeback, "message").ShouldBe("forbidden");

        await business.Client.PatchAsJsonAsync("/api/v1/team/settings", new { admins_can_invite = true }).ShouldAnswer(HttpStatusCode.OK);
        var asAdmin = app.As(admin.Token, business.Id);
        var pingBackAdmin = await asAdmin.PostAsync($"/api/v1/team/invite?email={Api.NewEmail()}&role=admin", null)
            .ShouldAnswer(HttpStatusCode.Forbidden);
        pingBackAdmin.Detail().ShouldBe("Admins can only invite agents");
        Code(pingBackAdmin, "detail").ShouldBe("admins_agents_only");
        var pipebackAdmin = await asAdmin.PostAsJsonAsync("/app/invites", new { email = Api.NewEmail(), seat = "lite", role = "admin" })
            .ShouldAnswer(HttpStatusCode.Forbidden);
        pipebackAdmin.Text("message").ShouldBe("Admins can only invite agents.");
        Code(pipebackAdmin, "message").ShouldBe("admins_agents_only");
    }

    [Fact]
    public async Task What_only_the_owner_may_do_is_owner_only_on_both_faces_with_its_words_unchanged()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (admin, _) = await business.AddMemberAsync("admin");
        var (_, agentId) = await business.AddMemberAsync("agent");
        var asAdmin = app.As(admin.Token, business.Id);

        var role = await asAdmin.PatchAsJsonAsync($"/api/v1/team/members/{agentId}", new { role = "admin" })
            .ShouldAnswer(HttpStatusCode.Forbidden);
        role.ToJsonString().ShouldBe("""{"detail":"Only the org owner can change roles","code":"owner_only"}""");
        var settings = await asAdmin.PatchAsJsonAsync("/api/v1/team/settings", new { admins_can_invite = true })
            .ShouldAnswer(HttpStatusCode.Forbidden);
        settings.ToJsonString().ShouldBe("""{"detail":"Only the org owner can change team settings","code":"owner_only"}""");
        var pipebackRole = await asAdmin.PatchAsJsonAsync($"/app/members/{agentId}", new { role = "admin" })
            .ShouldAnswer(HttpStatusCode.Forbidden);
        pipebackRole.ToJsonString().ShouldBe("""{"message":"Only the org owner can change roles","code":"owner_only"}""");
        var subscription = await asAdmin.GetAsync("/app/subscription").ShouldAnswer(HttpStatusCode.Forbidden);
        subscription.ToJsonString().ShouldBe("""{"message":"Only the workspace owner can see the subscription.","code":"owner_only"}""");

        // A right the owner can give admins is not owner-only: refused while withheld, it stays the role's "forbidden".
        var removal = await asAdmin.DeleteAsync($"/api/v1/team/members/{agentId}").ShouldAnswer(HttpStatusCode.Forbidden);
        removal.ToJsonString().ShouldBe("""{"detail":"Only the org owner can remove members","code":"forbidden"}""");
    }

    [Fact]
    public async Task A_dead_invitation_link_keeps_its_words_and_its_code_says_used_expired_or_not_found()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var usedEmail = Api.NewEmail("used");
        var used = await business.InviteAsync(usedEmail);
        await app.AcceptAsync(used.Id(), usedEmail);
        var expired = await business.InviteAsync(Api.NewEmail("late"));
        await app.ExpireAsync(expired.Id());
        var revoked = await business.InviteAsync(Api.NewEmail("revoked"));
        await business.Pipeback().DeleteAsync($"/app/invites/{revoked.Id()}").ShouldAnswer(HttpStatusCode.OK);

        foreach (var (id, code) in new[] { (used.Id().ToString(), "invite_used"), (expired.Id().ToString(), "invite_expired"),
                     (revoked.Id().ToString(), "invite_not_found"), (Guid.NewGuid().ToString(), "invite_not_found"), ("not-a-uuid", "invite_not_found") })
        {
            var shown = await app.Anonymous().GetAsync($"/app/invites/{id}").ShouldAnswer(HttpStatusCode.NotFound);
            shown.ToJsonString().ShouldBe($$"""{"message":"Invite not found.","code":"{{code}}"}""");
        }
        // Accepting or joining through a used link says the same.
        (await app.Anonymous().PostAsJsonAsync($"/app/invites/{used.Id()}", InviteSteps.Acceptance(usedEmail))
            .ShouldAnswer(HttpStatusCode.NotFound)).Text("code").ShouldBe("invite_used");
        var someone = await app.RegisterAsync();
        (await app.As(someone.Token).PostAsync($"/app/invites/{used.Id()}/join", null)
            .ShouldAnswer(HttpStatusCode.NotFound)).Text("code").ShouldBe("invite_used");
    }

    [Fact]
    public async Task A_malformed_address_is_validation_failed_with_invalid_email_for_the_field_on_both_faces()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");

        var pingBack = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/register",
                new { email = "not-an-address", full_name = "Nina", password = "correct-horse" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        pingBack["detail"]![0]!["loc"]!.ToJsonString().ShouldBe("""["body","email"]""");
        pingBack["detail"]![0]!.Text("msg").ShouldBe("value is not a valid email address");
        pingBack.Text("code").ShouldBe("validation_failed");
        pingBack["field_codes"]!.ToJsonString().ShouldBe("""{"email":["invalid_email"]}""");

        var pipeback = await business.Pipeback().PostAsJsonAsync("/app/invites", new { email = "not-an-address", seat = "lite" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        pipeback.ShouldBeValidationError("email", "The email field must be a valid email address.");
        pipeback["field_codes"]!.ToJsonString().ShouldBe("""{"email":["invalid_email"]}""");
    }

    [Fact]
    public async Task A_mismatched_confirmation_and_an_address_that_has_an_account_are_told_apart_by_field_code()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var email = Api.NewEmail("invitee");
        var invite = await business.InviteAsync(email);

        var mismatch = await app.Anonymous().PostAsJsonAsync($"/app/invites/{invite.Id()}",
                new { email, name = "Ivy", password = InviteSteps.Password, password_confirmation = InviteSteps.Password + "x" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        mismatch.ShouldBeValidationError("password", "The password field confirmation does not match.");
        mismatch["field_codes"]!.ToJsonString().ShouldBe("""{"password":["confirmation_mismatch"]}""");

        var registered = await app.RegisterAsync(email);
        var exists = await app.Anonymous().PostAsJsonAsync($"/app/invites/{invite.Id()}", InviteSteps.Acceptance(email))
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        exists.ShouldBeValidationError("email");
        exists["errors"]!["email"]![0]!.GetValue<string>().ShouldStartWith("An account with this email already exists.");
        exists["field_codes"]!.ToJsonString().ShouldBe("""{"email":["account_exists"]}""");

        // PingBack's sign-up names no field for it (FastAPI's 400): the code is the whole refusal's.
        var again = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/register",
                new { email = registered.Email, full_name = "Ivy", password = "correct-horse" })
            .ShouldAnswer(HttpStatusCode.BadRequest);
        again.ToJsonString().ShouldBe("""{"detail":"Email already registered","code":"account_exists"}""");
    }

    [Fact]
    public async Task Too_many_attempts_is_rate_limited_on_both_faces_and_says_when()
    {
        var pingBackUser = await app.RegisterAsync(confirm: false);
        var asUser = app.As(pingBackUser.Token);
        JsonNode? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await asUser.PostAsync("/api/v1/auth/verify-email/resend", null);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = await response.ReadJsonAsync();
            else response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        limited.ShouldNotBeNull();
        limited.Detail().ShouldStartWith("Too many confirmation emails. Try again in");
        limited.Text("code").ShouldBe("rate_limited");

        var business = await app.CreateBusinessAsync(plan: "pro");
        var invite = await business.InviteAsync(Api.NewEmail("flood"));
        HttpResponseMessage resent;
        var tries = 0;
        do resent = await business.Pipeback().PostAsync($"/app/invites/{invite.Id()}/resend", null);
        while (resent.StatusCode == HttpStatusCode.OK && ++tries < 10);
        resent.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        // Whichever limit answers first (the route's, or the address's mails), it is rate_limited and says when.
        resent.Headers.RetryAfter.ShouldNotBeNull();
        var body = await resent.ReadJsonAsync();
        body.Text("message").ShouldStartWith("Too many");
        body.Text("code").ShouldBe("rate_limited");
    }

    [Fact]
    public async Task The_plumbing_refusals_carry_codes_too_on_both_faces()
    {
        (await app.Anonymous().GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.Unauthorized))
            .ToJsonString().ShouldBe("""{"detail":"Not authenticated","code":"unauthenticated"}""");
        (await app.Anonymous().GetAsync("/app/members").ShouldAnswer(HttpStatusCode.Unauthorized))
            .ToJsonString().ShouldBe("""{"message":"Unauthenticated.","code":"unauthenticated"}""");
        (await app.Anonymous().GetAsync("/api/v1/no-such-route").ShouldAnswer(HttpStatusCode.NotFound))
            .ToJsonString().ShouldBe("""{"detail":"Not Found","code":"no_such_route"}""");
        (await app.Anonymous().GetAsync("/app/no-such-route").ShouldAnswer(HttpStatusCode.NotFound))
            .ToJsonString().ShouldBe("""{"message":"Not Found","code":"no_such_route"}""");
    }

    /// <summary>The code, after checking the words are where the face puts them, unchanged in kind (a string).</summary>
    private static string Code(JsonNode body, string wordsKey)
    {
        body[wordsKey]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        return body.Text("code");
    }
}

public sealed class RefusalCodeTestsOnSqlite(SqliteApp app) : RefusalCodeTests(app), IClassFixture<SqliteApp>;

public sealed class RefusalCodeTestsOnPostgres(PostgresApp app) : RefusalCodeTests(app), IClassFixture<PostgresApp>;
