using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Auth;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Accounts;

/// <summary>
/// A workspace's two-factor policy through the real HTTP path of both faces, on the app's fake clock (the
/// authenticator codes): the owner turns it on only with a factor of their own; members it covers without one are
/// refused with words and a flag on the workspace's routes but keep their account and setup routes; enrolling
/// lets them in on the very next request.
/// </summary>
public abstract class TwoFactorPolicyTests<TApp>(TApp app) where TApp : SwitchboardApp, IClockedApp
{
    [Fact]
    public async Task The_owner_cannot_turn_it_on_without_a_second_factor_and_other_values_are_refused()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var owner = app.As(business.Owner.Token);
        (await owner.GetAsync("/api/v1/team/settings").ShouldAnswer(HttpStatusCode.OK)).Text("require_two_factor").ShouldBe("off");
        (await owner.GetAsync("/api/v1/business").ShouldAnswer(HttpStatusCode.OK)).Text("require_two_factor").ShouldBe("off");

        var refused = await Policy(owner, "admins").ShouldAnswer(HttpStatusCode.Conflict);
        refused.Detail().ShouldContain("Set up a second factor for your own account in Account settings");
        (await owner.GetAsync("/api/v1/team/settings").ShouldAnswer(HttpStatusCode.OK)).Text("require_two_factor").ShouldBe("off");
        await Policy(owner, "Admins").ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await Policy(owner, "sometimes").ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await owner.PatchAsJsonAsync("/api/v1/team/settings", new { require_two_factor = 1 }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        // Off stays possible without a factor (nothing to lock out).
        (await Policy(owner, "off").ShouldAnswer(HttpStatusCode.OK)).Text("require_two_factor").ShouldBe("off");

        var (admin, _) = await business.AddMemberAsync("admin");
        await Policy(app.As(admin.Token), "off").ShouldAnswer(HttpStatusCode.Forbidden);

        await EnrolAsync(business.Owner);
        var saved = await Policy(owner, "everyone").ShouldAnswer(HttpStatusCode.OK);
        saved.Text("require_two_factor").ShouldBe("everyone");
        (await owner.GetAsync("/api/v1/business").ShouldAnswer(HttpStatusCode.OK)).Text("require_two_factor").ShouldBe("everyone");
    }

    [Fact]
    public async Task With_admins_an_admin_without_a_factor_is_refused_on_both_faces_and_an_agent_is_not()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (admin, _) = await business.AddMemberAsync("admin");
        var (agent, _) = await business.AddMemberAsync("agent");
        await EnrolAsync(business.Owner);
        await Policy(app.As(business.Owner.Token), "admins").ShouldAnswer(HttpStatusCode.OK);

        await IsRefusedOnBothFacesAsync(admin, business.Id);
        await app.As(agent.Token).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);
        await app.As(agent.Token, business.Id).GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK);
        await app.As(business.Owner.Token).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);

        // The account's own routes name no workspace and stay open: the admin can see who they are and enrol.
        await app.As(admin.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);
        await app.As(admin.Token).GetAsync("/api/v1/auth/sessions").ShouldAnswer(HttpStatusCode.OK);
        await EnrolAsync(admin);
        // At once: the confirm voided the cached caller.
        await app.As(admin.Token).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);
        await app.As(admin.Token, business.Id).GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task With_everyone_an_agent_is_refused_too_until_enrolled_and_turning_it_off_lets_everyone_in()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (agent, _) = await business.AddMemberAsync("agent");
        var (other, _) = await business.AddMemberAsync("agent");
        await EnrolAsync(business.Owner);
        var owner = app.As(business.Owner.Token);
        await Policy(owner, "everyone").ShouldAnswer(HttpStatusCode.OK);

        await IsRefusedOnBothFacesAsync(agent, business.Id);
        await IsRefusedOnBothFacesAsync(other, business.Id);
        await EnrolAsync(agent);
        await app.As(agent.Token).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);

        await Policy(owner, "off").ShouldAnswer(HttpStatusCode.OK);
        await app.As(other.Token).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Owners_and_admins_see_who_has_a_second_factor_and_the_PingBack_member_keeps_its_fields()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (admin, _) = await business.AddMemberAsync("admin");
        var (agent, _) = await business.AddMemberAsync("agent");
        var pingBackBefore = Keys((await app.As(business.Owner.Token).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray()[0]!);
        await EnrolAsync(business.Owner);

        var list = (await app.As(business.Owner.Token, business.Id).GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray();
        Compliance(list, business.Owner).ShouldBe(true);
        Compliance(list, admin).ShouldBe(false);
        Compliance(list, agent).ShouldBe(false);
        var asAdmin = (await app.As(admin.Token, business.Id).GetAsync("/app/members?page=1").ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray();
        Compliance(asAdmin, business.Owner).ShouldBe(true);
        // Agents do not learn whose account is the easier target.
        var asAgent = (await app.As(agent.Token, business.Id).GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray();
        asAgent.ShouldAllBe(m => m!["two_factor_enabled"] == null);

        var pingBack = (await app.As(business.Owner.Token).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray();
        pingBack.ShouldAllBe(m => Keys(m!).SequenceEqual(pingBackBefore));
    }

    [Fact]
    public async Task Removing_the_factor_under_a_policy_refuses_again()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (admin, _) = await business.AddMemberAsync("admin");
        await EnrolAsync(business.Owner);
        var secret = await EnrolAsync(admin);
        await Policy(app.As(business.Owner.Token), "admins").ShouldAnswer(HttpStatusCode.OK);
        await app.As(admin.Token).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);

        app.Time.Advance(TimeSpan.FromSeconds(TotpCodes.StepSeconds));
        var off = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/auth/2fa/totp")
        {
            Content = JsonContent.Create(new { password = TwoFactorSteps.Password, code = TotpCodes.Compute(secret, TotpCodes.StepAt(app.Time.GetUtcNow())) }),
        };
        (await app.As(admin.Token).SendAsync(off)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await IsRefusedOnBothFacesAsync(admin, business.Id);
    }

    private static Task<HttpResponseMessage> Policy(HttpClient client, string value) =>
        client.PatchAsJsonAsync("/api/v1/team/settings", new { require_two_factor = value });

    private static List<string> Keys(JsonNode member) => member.AsObject().Select(p => p.Key).Order().ToList();

    private static bool? Compliance(JsonArray list, Account who) =>
        list.Single(m => m!["user_id"]!.GetValue<string>() == who.UserId.ToString())!["two_factor_enabled"]?.GetValue<bool>();

    private async Task IsRefusedOnBothFacesAsync(Account who, Guid businessId)
    {
        var pingBack = await app.As(who.Token).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.Forbidden);
        pingBack.Detail().ShouldContain("Set up a second factor in Account settings");
        pingBack["two_factor_setup_required"]!.GetValue<bool>().ShouldBeTrue();
        var pipeback = await app.As(who.Token, businessId).GetAsync("/app/members").ShouldAnswer(HttpStatusCode.Forbidden);
        pipeback.Text("message").ShouldContain("Set up a second factor in Account settings");
        pipeback["two_factor_setup_required"]!.GetValue<bool>().ShouldBeTrue();
    }

    /// <summary>Sets up and confirms an authenticator over HTTP (the code from the app's clock); the confirming step is spent.</summary>
    private async Task<byte[]> EnrolAsync(Account who) => await TwoFactorPolicySteps.EnrolAsync(app, who, app.Time);
}

public static class TwoFactorPolicySteps
{
    public static async Task<byte[]> EnrolAsync(SwitchboardApp app, Account who, FakeTimeProvider time)
    {
        var client = app.As(who.Token);
        var setup = await client.PostAsJsonAsync("/api/v1/auth/2fa/totp", new { password = TwoFactorSteps.Password }).ShouldAnswer(HttpStatusCode.OK);
        var secret = TotpCodes.FromBase32(setup.Text("secret"));
        await client.PostAsJsonAsync("/api/v1/auth/2fa/totp/confirm",
            new { code = TotpCodes.Compute(secret, TotpCodes.StepAt(time.GetUtcNow())) }).ShouldAnswer(HttpStatusCode.OK);
        return secret;
    }
}

public sealed class TwoFactorPolicyTestsOnSqlite(ClockedSqliteApp app) : TwoFactorPolicyTests<ClockedSqliteApp>(app), IClassFixture<ClockedSqliteApp>;

public sealed class TwoFactorPolicyTestsOnPostgres(ClockedPostgresApp app) : TwoFactorPolicyTests<ClockedPostgresApp>(app), IClassFixture<ClockedPostgresApp>;
