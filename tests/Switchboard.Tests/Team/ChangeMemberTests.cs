using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Team;

/// <summary>PATCH /api/v1/team/members/{id} and PATCH /app/members/{id}: roles and seats.</summary>
public abstract class ChangeMemberTests(SwitchboardApp app)
{
    [Fact]
    public async Task The_owner_promotes_an_agent_to_admin_and_back()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, memberId) = await business.AddMemberAsync();
        (await business.Client.PatchAsJsonAsync($"/api/v1/team/members/{memberId}", new { role = "admin" })
            .ShouldAnswer(HttpStatusCode.OK))["role"]!.GetValue<string>().ShouldBe("admin");
        // The new admin may now assign.
        var conversation = await business.OpenConversationAsync();
        await app.As(agent.Token).PostAsync($"/api/v1/team/assign/{conversation}?agent_id={agent.UserId}", null).ShouldAnswer(HttpStatusCode.OK);
        (await business.Client.PatchAsJsonAsync($"/api/v1/team/members/{memberId}", new { role = "agent" })
            .ShouldAnswer(HttpStatusCode.OK))["role"]!.GetValue<string>().ShouldBe("agent");
    }

    [Fact]
    public async Task Nobody_changes_the_owner_and_only_the_owner_changes_roles()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (admin, adminMember) = await business.AddMemberAsync("admin");
        var (_, agentMember) = await business.AddMemberAsync();
        var ownerMember = (await business.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK))[0]!["id"]!.GetValue<string>();

        (await business.Client.PatchAsJsonAsync($"/api/v1/team/members/{ownerMember}", new { role = "agent" })
            .ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldBe("The owner's role cannot be changed");
        (await business.Client.PatchAsJsonAsync($"/api/v1/team/members/{agentMember}", new { role = "owner" })
            .ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldBe("The owner's role cannot be changed");
        (await app.As(admin.Token).PatchAsJsonAsync($"/api/v1/team/members/{agentMember}", new { role = "admin" })
            .ShouldAnswer(HttpStatusCode.Forbidden)).Detail().ShouldBe("Only the org owner can change roles");
        (await business.Client.PatchAsJsonAsync($"/api/v1/team/members/{adminMember}", new { role = "boss" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity))["detail"]![0]!["loc"]![1]!.GetValue<string>().ShouldBe("role");
        await business.Client.PatchAsJsonAsync($"/api/v1/team/members/{Guid.NewGuid()}", new { role = "admin" }).ShouldAnswer(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Seats_move_within_the_plan_and_a_lite_seat_hands_back_its_conversations()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (first, firstMember) = await business.AddMemberAsync();
        var (_, secondMember) = await business.AddMemberAsync();
        var conversation = await business.OpenConversationAsync();
        await business.Client.PostAsync($"/api/v1/team/assign/{conversation}?agent_id={first.UserId}", null).ShouldAnswer(HttpStatusCode.OK);

        var lite = await app.As(business.Owner.Token, business.Id)
            .PatchAsJsonAsync($"/app/members/{firstMember}", new { seat = "lite" }).ShouldAnswer(HttpStatusCode.OK);
        lite["data"]!["seat"]!.GetValue<string>().ShouldBe("lite");
        (await business.Client.GetAsync($"/api/v1/conversations/{conversation}").ShouldAnswer(HttpStatusCode.OK))["assigned_agent_id"].ShouldBeNull();
        var billing = await business.Client.GetAsync("/api/v1/billing").ShouldAnswer(HttpStatusCode.OK);
        billing["seats"]!.ToJsonString().ShouldBe("""{"full":2,"lite":1,"suspended":0,"pending_invites":0,"invite_links":0}""");

        // The freed full seat is taken by someone new; moving back to full is then past the plan.
        await business.AddMemberAsync();
        (await business.Client.PatchAsJsonAsync($"/api/v1/team/members/{firstMember}", new { seat = "full" })
            .ShouldAnswer(HttpStatusCode.PaymentRequired)).Detail().ShouldContain("Upgrade");
        var refused = await app.As(business.Owner.Token, business.Id)
            .PatchAsJsonAsync($"/app/members/{secondMember}", new { seat = "half" }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        refused["errors"]!["seat"]![0]!.GetValue<string>().ShouldBe("The selected seat is invalid.");
    }
}

public sealed class ChangeMemberTestsOnSqlite(SqliteApp app) : ChangeMemberTests(app), IClassFixture<SqliteApp>;

public sealed class ChangeMemberTestsOnPostgres(PostgresApp app) : ChangeMemberTests(app), IClassFixture<PostgresApp>;
