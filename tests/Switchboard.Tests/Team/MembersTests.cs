using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Switchboard.Domain;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Team;

/// <summary>GET/DELETE /api/v1/team/members and PATCH /api/v1/team/status, against the PingBack seeds.</summary>
public abstract partial class MembersTests(SwitchboardApp app)
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex Iso8601Utc();

    [Fact]
    public async Task Members_list_has_exactly_the_seed_fields_owner_included()
    {
        var owner = await app.RegisterAsync(name: "Sarah Chen");
        var business = await app.CreateBusinessAsync(owner, plan: "mini");
        var (james, jamesMember) = await business.AddMemberAsync();

        var members = (await business.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray();

        members.Count.ShouldBe(2);
        foreach (var member in members)
        {
            member!.AsObject().Select(p => p.Key).ShouldBe(
                ["id", "user_id", "email", "name", "role", "status", "is_active", "invited_at"], ignoreOrder: true);
            Iso8601Utc().IsMatch(member["invited_at"]!.GetValue<string>()).ShouldBeTrue();
            member["is_active"]!.GetValue<bool>().ShouldBeTrue();
        }
        var first = members[0]!;
        first["role"]!.GetValue<string>().ShouldBe("owner");
        first["name"]!.GetValue<string>().ShouldBe("Sarah Chen");
        first["user_id"]!.GetValue<string>().ShouldBe(owner.UserId.ToString());
        var second = members[1]!;
        second["id"]!.GetValue<string>().ShouldBe(jamesMember.ToString());
        second["email"]!.GetValue<string>().ShouldBe(james.Email);
        second["role"]!.GetValue<string>().ShouldBe("agent");
        second["status"]!.GetValue<string>().ShouldBe("offline");
    }

    [Fact]
    public async Task Any_member_may_list_but_nobody_from_outside()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, _) = await business.AddMemberAsync();
        var stranger = await app.CreateBusinessAsync();

        (await app.As(agent.Token).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray().Count.ShouldBe(2);
        // The stranger's own business is listed, never the other one, even when they name it.
        (await stranger.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
        (await app.As(stranger.Owner.Token, business.Id).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.NotFound))
            .Detail().ShouldBe("Workspace not found");
    }

    [Fact]
    public async Task A_user_in_several_workspaces_must_say_which_unless_they_own_one()
    {
        var first = await app.CreateBusinessAsync(plan: "mini");
        var second = await app.CreateBusinessAsync(plan: "mini");
        var account = await app.RegisterAsync();
        foreach (var business in new[] { first, second })
            await business.Client.PostAsync($"/api/v1/team/invite?email={account.Email}", null).ShouldAnswer(HttpStatusCode.OK);

        (await app.As(account.Token).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.BadRequest))
            .Detail().ShouldContain("x-workspace-id");
        (await app.As(account.Token, second.Id).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK))
            .AsArray().Select(m => m!["user_id"]!.GetValue<string>()).ShouldContain(second.Owner.UserId.ToString());
    }

    [Fact]
    public async Task A_user_without_a_workspace_gets_a_clear_404()
    {
        var loner = await app.RegisterAsync();
        (await app.As(loner.Token).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.NotFound))
            .Detail().ShouldContain("business");
    }

    [Fact]
    public async Task Owner_removes_a_member_who_loses_access_at_once_and_whose_conversations_are_unassigned()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, memberId) = await business.AddMemberAsync();
        var conversation = await business.OpenConversationAsync();
        await business.Client.PostAsync($"/api/v1/team/assign/{conversation}?agent_id={agent.UserId}", null)
            .ShouldAnswer(HttpStatusCode.OK);
        (await app.As(agent.Token).GetAsync("/api/v1/team/members")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await business.Client.DeleteAsync($"/api/v1/team/members/{memberId}").ShouldAnswer(HttpStatusCode.OK))
            ["message"]!.GetValue<string>().ShouldBe("Team member removed");

        (await app.As(agent.Token).GetAsync("/api/v1/team/members")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.As(agent.Token, business.Id).GetAsync("/api/v1/team/members")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var after = await business.Client.GetAsync($"/api/v1/conversations/{conversation}").ShouldAnswer(HttpStatusCode.OK);
        after["assigned_agent_id"].ShouldBeNull();
        (await business.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
        app.Events.Of<MemberRemoved>(business.Id).ShouldContain(e => e.MembershipId == memberId && e.UserId == agent.UserId);
        // The freed seat can be used again.
        var next = await app.RegisterAsync();
        await business.Client.PostAsync($"/api/v1/team/invite?email={next.Email}", null).ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_owner_cannot_be_removed()
    {
        var business = await app.CreateBusinessAsync();
        var ownerMember = (await business.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK))
            .AsArray()[0]!["id"]!.GetValue<string>();
        (await business.Client.DeleteAsync($"/api/v1/team/members/{ownerMember}").ShouldAnswer(HttpStatusCode.BadRequest))
            .Detail().ShouldBe("Cannot remove the org owner");
    }

    [Fact]
    public async Task Removing_an_unknown_or_foreign_member_is_404_and_the_user_id_is_not_a_member_id()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, _) = await business.AddMemberAsync();
        var other = await app.CreateBusinessAsync(plan: "mini");
        var (_, foreignMember) = await other.AddMemberAsync();

        foreach (var id in new[] { Guid.NewGuid(), foreignMember, agent.UserId })
            (await business.Client.DeleteAsync($"/api/v1/team/members/{id}").ShouldAnswer(HttpStatusCode.NotFound))
                .Detail().ShouldBe("Team member not found");
        (await other.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray().Count.ShouldBe(2);
        (await business.Client.DeleteAsync("/api/v1/team/members/not-a-uuid").ShouldAnswer(HttpStatusCode.UnprocessableEntity))
            ["detail"]![0]!["loc"]![1]!.GetValue<string>().ShouldBe("member_id");
    }

    [Fact]
    public async Task Only_the_owner_removes_members_by_default()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (agent, agentMember) = await business.AddMemberAsync();
        var (admin, _) = await business.AddMemberAsync("admin");
        var (_, otherAgent) = await business.AddMemberAsync();

        (await app.As(agent.Token).DeleteAsync($"/api/v1/team/members/{otherAgent}").ShouldAnswer(HttpStatusCode.Forbidden))
            .Detail().ShouldBe("Only the org owner can remove members");
        (await app.As(admin.Token).DeleteAsync($"/api/v1/team/members/{agentMember}").ShouldAnswer(HttpStatusCode.Forbidden))
            .Detail().ShouldBe("Only the org owner can remove members");

        await business.Client.PatchAsJsonAsync("/api/v1/team/settings", new { admins_can_invite = true }).ShouldAnswer(HttpStatusCode.OK);
        await app.As(admin.Token).DeleteAsync($"/api/v1/team/members/{agentMember}").ShouldAnswer(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("live")]
    [InlineData("away")]
    [InlineData("offline")]
    public async Task Members_set_their_own_status_and_get_the_updated_member(string status)
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, memberId) = await business.AddMemberAsync();
        var initial = status == "offline" ? "live" : "offline";
        await app.As(agent.Token).PatchAsJsonAsync("/api/v1/team/status", new { status = initial }).ShouldAnswer(HttpStatusCode.OK);

        var body = await app.As(agent.Token).PatchAsJsonAsync("/api/v1/team/status", new { status }).ShouldAnswer(HttpStatusCode.OK);

        body["id"]!.GetValue<string>().ShouldBe(memberId.ToString());
        body["status"]!.GetValue<string>().ShouldBe(status);
        var listed = (await business.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray()
            .Single(m => m!["id"]!.GetValue<string>() == memberId.ToString())!;
        listed["status"]!.GetValue<string>().ShouldBe(status);
        app.Events.Of<AgentStatusChanged>(business.Id).ShouldContain(e => e.UserId == agent.UserId && e.Status.Wire() == status);
    }

    [Theory]
    [InlineData("""{"status":"busy"}""", "enum")]
    [InlineData("""{"status":"LIVE"}""", "enum")]
    [InlineData("""{"status":1}""", "string_type")]
    [InlineData("""{}""", "missing")]
    [InlineData("""{"status":""", "json_invalid")]
    [InlineData("""[1,2]""", "model_attributes_type")]
    public async Task Bad_status_input_is_a_FastAPI_422(string json, string type)
    {
        var business = await app.CreateBusinessAsync();
        var response = await business.Client.PatchAsync("/api/v1/team/status",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var body = await Task.FromResult(response).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        body["detail"]![0]!["type"]!.GetValue<string>().ShouldBe(type);
    }
}

public sealed class MembersTestsOnSqlite(SqliteApp app) : MembersTests(app), IClassFixture<SqliteApp>;

public sealed class MembersTestsOnPostgres(PostgresApp app) : MembersTests(app), IClassFixture<PostgresApp>;
