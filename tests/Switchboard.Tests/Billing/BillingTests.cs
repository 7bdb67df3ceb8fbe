using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Billing;

public abstract class BillingTests(SwitchboardApp app)
{
    [Fact]
    public async Task Billing_shows_plan_limit_usage_and_seats()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        await business.AddMemberAsync();
        var body = await business.Client.GetAsync("/api/v1/billing").ShouldAnswer(HttpStatusCode.OK);
        body.ToJsonString().ShouldBe("""{"plan":"pro","agent_limit":5,"agents_used":1,"seats":{"full":2,"lite":0,"suspended":0,"pending_invites":0,"invite_links":0}}""");
    }

    [Fact]
    public async Task Only_the_owner_changes_the_plan_and_a_downgrade_below_usage_is_refused()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (admin, _) = await business.AddMemberAsync("admin");
        await business.AddMemberAsync();
        await business.AddMemberAsync();

        (await app.As(admin.Token).PutAsJsonAsync("/api/v1/billing/plan", new { plan = "free" })
            .ShouldAnswer(HttpStatusCode.Forbidden)).Detail().ShouldBe("Only the org owner can manage billing");
        (await business.Client.PutAsJsonAsync("/api/v1/billing/plan", new { plan = "mini" })
            .ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldContain("3 are in use");
        (await business.Client.PutAsJsonAsync("/api/v1/billing/plan", new { plan = "gold" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity))["detail"]![0]!["type"]!.GetValue<string>().ShouldBe("enum");
        (await business.Client.GetAsync("/api/v1/billing").ShouldAnswer(HttpStatusCode.OK))["plan"]!.GetValue<string>().ShouldBe("pro");
    }

    [Fact]
    public async Task Team_settings_are_read_by_members_and_changed_by_the_owner_only()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (admin, _) = await business.AddMemberAsync("admin");
        (await app.As(admin.Token).GetAsync("/api/v1/team/settings").ShouldAnswer(HttpStatusCode.OK))
            ["admins_can_invite"]!.GetValue<bool>().ShouldBeFalse();
        (await app.As(admin.Token).PatchAsJsonAsync("/api/v1/team/settings", new { admins_can_invite = true })
            .ShouldAnswer(HttpStatusCode.Forbidden)).Detail().ShouldBe("Only the org owner can change team settings");
        (await business.Client.PatchAsJsonAsync("/api/v1/team/settings", new { admins_can_invite = "yes" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity))["detail"]![0]!["type"]!.GetValue<string>().ShouldBe("bool_type");
        (await business.Client.PatchAsJsonAsync("/api/v1/team/settings", new { admins_can_invite = true })
            .ShouldAnswer(HttpStatusCode.OK))["admins_can_invite"]!.GetValue<bool>().ShouldBeTrue();
        var presenceOff = await business.Client.PatchAsJsonAsync("/api/v1/team/settings", new { auto_offline = false })
            .ShouldAnswer(HttpStatusCode.OK);
        presenceOff.ToJsonString().ShouldBe("""{"admins_can_invite":true,"auto_offline":false,"require_two_factor":"off"}""");
    }

    [Fact]
    public async Task The_audit_log_records_team_changes_newest_first_for_owners_and_admins()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (admin, _) = await business.AddMemberAsync("admin");
        var (agent, agentMember) = await business.AddMemberAsync();
        await app.As(agent.Token).PatchAsJsonAsync("/api/v1/team/status", new { status = "live" }).ShouldAnswer(HttpStatusCode.OK);
        var conversation = await business.OpenConversationAsync();
        await business.Client.PostAsync($"/api/v1/team/assign/{conversation}?agent_id={agent.UserId}", null).ShouldAnswer(HttpStatusCode.OK);
        await business.Client.DeleteAsync($"/api/v1/team/members/{agentMember}").ShouldAnswer(HttpStatusCode.OK);
        await business.Client.PatchAsJsonAsync("/api/v1/team/settings", new { admins_can_invite = true }).ShouldAnswer(HttpStatusCode.OK);
        await business.Client.PutAsJsonAsync("/api/v1/billing/plan", new { plan = "pro" }).ShouldAnswer(HttpStatusCode.OK);

        var page = await app.As(admin.Token).GetAsync("/api/v1/team/audit?page_size=4").ShouldAnswer(HttpStatusCode.OK);
        page["items"]!.AsArray().Select(i => i!["action"]!.GetValue<string>())
            .ShouldBe(["plan.changed", "settings.changed", "member.removed", "conversation.assigned"]);
        page["total"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(8);
        var second = await business.Client.GetAsync("/api/v1/team/audit?page=2&page_size=4").ShouldAnswer(HttpStatusCode.OK);
        second["items"]!.AsArray().Select(i => i!["action"]!.GetValue<string>()).ShouldContain("status.changed");

        (await app.As(agent.Token).GetAsync("/api/v1/team/audit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await business.Client.GetAsync("/api/v1/team/audit?page=0").ShouldAnswer(HttpStatusCode.UnprocessableEntity);
    }
}

public sealed class BillingTestsOnSqlite(SqliteApp app) : BillingTests(app), IClassFixture<SqliteApp>;

public sealed class BillingTestsOnPostgres(PostgresApp app) : BillingTests(app), IClassFixture<PostgresApp>;
