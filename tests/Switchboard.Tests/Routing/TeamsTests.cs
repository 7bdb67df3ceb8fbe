using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Routing;

/// <summary>Teams, team members and skills through the real HTTP stack (docs/routing.md).</summary>
public abstract class TeamsTests(SwitchboardApp app)
{
    private static Guid IdOf(JsonNode node) => Guid.Parse(node["id"]!.GetValue<string>());

    private static List<Guid> MembersOf(JsonNode team) =>
        team["member_ids"]!.AsArray().Select(m => Guid.Parse(m!.GetValue<string>())).ToList();

    [Fact]
    public async Task An_admin_creates_renames_fills_and_deletes_a_team_and_every_member_can_list_it()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (admin, _) = await business.AddMemberAsync("admin");
        var (agent, agentMember) = await business.AddMemberAsync();
        var asAdmin = app.As(admin.Token);

        var created = await asAdmin.PostAsJsonAsync("/api/v1/team/teams", new { name = "  Billing " }).ShouldAnswer(HttpStatusCode.Created);
        created["name"]!.GetValue<string>().ShouldBe("Billing");
        created["is_default"]!.GetValue<bool>().ShouldBeFalse();
        created["member_count"]!.GetValue<int>().ShouldBe(0);
        var team = IdOf(created);

        var added = await asAdmin.PutAsync($"/api/v1/team/teams/{team}/members/{agentMember}", null).ShouldAnswer(HttpStatusCode.OK);
        MembersOf(added).ShouldBe([agentMember]);
        // Idempotent: a second PUT changes nothing.
        MembersOf(await asAdmin.PutAsync($"/api/v1/team/teams/{team}/members/{agentMember}", null).ShouldAnswer(HttpStatusCode.OK))
            .ShouldBe([agentMember]);
        (await asAdmin.PatchAsJsonAsync($"/api/v1/team/teams/{team}", new { name = "Payments" }).ShouldAnswer(HttpStatusCode.OK))
            ["name"]!.GetValue<string>().ShouldBe("Payments");

        // Any member reads the teams: the default one every member joined, and the new one.
        var list = (await app.As(agent.Token).GetAsync("/api/v1/team/teams").ShouldAnswer(HttpStatusCode.OK)).AsArray();
        list.Count.ShouldBe(2);
        var everyone = list.Single(t => t!["is_default"]!.GetValue<bool>())!;
        MembersOf(everyone).ShouldContain(agentMember);
        MembersOf(list.Single(t => IdOf(t!) == team)!).ShouldBe([agentMember]);
        (await app.As(agent.Token).GetAsync($"/api/v1/team/teams/{team}").ShouldAnswer(HttpStatusCode.OK))["name"]!
            .GetValue<string>().ShouldBe("Payments");

        MembersOf(await asAdmin.DeleteAsync($"/api/v1/team/teams/{team}/members/{agentMember}").ShouldAnswer(HttpStatusCode.OK)).ShouldBeEmpty();
        await asAdmin.DeleteAsync($"/api/v1/team/teams/{team}").ShouldAnswer(HttpStatusCode.OK);
        await asAdmin.GetAsync($"/api/v1/team/teams/{team}").ShouldAnswer(HttpStatusCode.NotFound);
        var audit = await business.Client.GetAsync("/api/v1/team/audit?page_size=50").ShouldAnswer(HttpStatusCode.OK);
        var actions = audit["items"]!.AsArray().Select(i => i!["action"]!.GetValue<string>()).ToList();
        actions.ShouldContain("team.created");
        actions.ShouldContain("team.member_added");
        actions.ShouldContain("team.deleted");
    }

    [Fact]
    public async Task Agents_cannot_change_teams_and_refusals_leave_teams_as_they_were()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (agent, agentMember) = await business.AddMemberAsync();
        var team = IdOf(await business.Client.PostAsJsonAsync("/api/v1/team/teams", new { name = "Sales" }).ShouldAnswer(HttpStatusCode.Created));
        var asAgent = app.As(agent.Token);

        (await asAgent.PostAsJsonAsync("/api/v1/team/teams", new { name = "Mine" }).ShouldAnswer(HttpStatusCode.Forbidden))
            .Detail().ShouldBe("Only the org owner or admins can manage teams");
        await asAgent.PatchAsJsonAsync($"/api/v1/team/teams/{team}", new { name = "Mine" }).ShouldAnswer(HttpStatusCode.Forbidden);
        await asAgent.PutAsync($"/api/v1/team/teams/{team}/members/{agentMember}", null).ShouldAnswer(HttpStatusCode.Forbidden);
        await asAgent.DeleteAsync($"/api/v1/team/teams/{team}").ShouldAnswer(HttpStatusCode.Forbidden);
        await asAgent.PutAsJsonAsync($"/api/v1/team/members/{agentMember}/skills", new { skills = new[] { "vip" } })
            .ShouldAnswer(HttpStatusCode.Forbidden);

        // Bad input: 422 with the field, nothing stored.
        var duplicate = await business.Client.PostAsJsonAsync("/api/v1/team/teams", new { name = "SALES" }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        duplicate["detail"]![0]!["loc"]![1]!.GetValue<string>().ShouldBe("name");
        await business.Client.PostAsJsonAsync("/api/v1/team/teams", new { name = "   " }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await business.Client.PostAsJsonAsync("/api/v1/team/teams", new { name = new string('x', 101) }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await business.Client.PostAsJsonAsync("/api/v1/team/teams", new { }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await business.Client.PutAsync($"/api/v1/team/teams/{team}/members/{Guid.NewGuid()}", null).ShouldAnswer(HttpStatusCode.NotFound);
        await business.Client.PutAsync($"/api/v1/team/teams/{Guid.NewGuid()}/members/{agentMember}", null).ShouldAnswer(HttpStatusCode.NotFound);
        await business.Client.GetAsync("/api/v1/team/teams/not-a-uuid").ShouldAnswer(HttpStatusCode.NotFound);

        var everyone = (await business.Client.GetAsync("/api/v1/team/teams").ShouldAnswer(HttpStatusCode.OK)).AsArray()
            .Single(t => t!["is_default"]!.GetValue<bool>())!;
        (await business.Client.DeleteAsync($"/api/v1/team/teams/{IdOf(everyone)}").ShouldAnswer(HttpStatusCode.Conflict))
            .Detail().ShouldBe("The default team cannot be deleted");

        var teams = (await business.Client.GetAsync("/api/v1/team/teams").ShouldAnswer(HttpStatusCode.OK)).AsArray();
        teams.Select(t => t!["name"]!.GetValue<string>()).Order().ShouldBe(["Everyone", "Sales"]);
        MembersOf(teams.Single(t => IdOf(t!) == team)!).ShouldBeEmpty();
    }

    [Fact]
    public async Task Another_business_s_teams_and_members_look_like_none()
    {
        var mine = await app.CreateBusinessAsync(plan: "pro");
        var theirs = await app.CreateBusinessAsync(plan: "pro");
        var (_, theirMember) = await theirs.AddMemberAsync();
        var theirTeam = IdOf(await theirs.Client.PostAsJsonAsync("/api/v1/team/teams", new { name = "Secret" }).ShouldAnswer(HttpStatusCode.Created));
        var myTeam = IdOf(await mine.Client.PostAsJsonAsync("/api/v1/team/teams", new { name = "Mine" }).ShouldAnswer(HttpStatusCode.Created));

        await mine.Client.GetAsync($"/api/v1/team/teams/{theirTeam}").ShouldAnswer(HttpStatusCode.NotFound);
        await mine.Client.DeleteAsync($"/api/v1/team/teams/{theirTeam}").ShouldAnswer(HttpStatusCode.NotFound);
        await mine.Client.PutAsync($"/api/v1/team/teams/{myTeam}/members/{theirMember}", null).ShouldAnswer(HttpStatusCode.NotFound);
        await mine.Client.PutAsJsonAsync($"/api/v1/team/members/{theirMember}/skills", new { skills = new[] { "x" } })
            .ShouldAnswer(HttpStatusCode.NotFound);
        (await mine.Client.GetAsync("/api/v1/team/teams").ShouldAnswer(HttpStatusCode.OK)).AsArray()
            .ShouldNotContain(t => IdOf(t!) == theirTeam);
        (await theirs.Client.GetAsync($"/api/v1/team/teams/{theirTeam}").ShouldAnswer(HttpStatusCode.OK))["member_count"]!
            .GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Skills_are_replaced_normalized_and_checked()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (_, member) = await business.AddMemberAsync();

        var set = await business.Client.PutAsJsonAsync($"/api/v1/team/members/{member}/skills",
            new { skills = new[] { "Billing", " de ", "billing", "no-one-else-has-this" } }).ShouldAnswer(HttpStatusCode.OK);
        set["skills"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["billing", "de", "no-one-else-has-this"]);
        set["member_id"]!.GetValue<string>().ShouldBe(member.ToString());

        await business.Client.PutAsJsonAsync($"/api/v1/team/members/{member}/skills", new { skills = new[] { "a,b" } })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await business.Client.PutAsJsonAsync($"/api/v1/team/members/{member}/skills", new { skills = "billing" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await business.Client.PutAsJsonAsync($"/api/v1/team/members/{member}/skills", new { skills = new object[] { 1 } })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await business.Client.PutAsJsonAsync($"/api/v1/team/members/{member}/skills", new { })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await business.Client.PutAsJsonAsync($"/api/v1/team/members/{member}/skills",
            new { skills = Enumerable.Range(0, 51).Select(i => $"s{i}").ToArray() }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        (await business.Client.GetAsync($"/api/v1/team/members/{member}/skills").ShouldAnswer(HttpStatusCode.OK))["skills"]!
            .AsArray().Count.ShouldBe(3);

        (await business.Client.PutAsJsonAsync($"/api/v1/team/members/{member}/skills", new { skills = Array.Empty<string>() })
            .ShouldAnswer(HttpStatusCode.OK))["skills"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_OpenAPI_document_shows_the_team_routes_with_their_refusals()
    {
        var document = await app.Anonymous().GetAsync("/openapi/v1.json").ShouldAnswer(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject();
        var create = paths["/api/v1/team/teams"]!["post"]!;
        create["requestBody"].ShouldNotBeNull();
        var answers = create["responses"]!.AsObject().Select(r => r.Key).ToList();
        answers.ShouldContain("201");
        answers.ShouldContain("403");
        answers.ShouldContain("422");
        paths["/api/v1/team/teams/{id}/members/{member_id}"]!["put"].ShouldNotBeNull();
        paths["/api/v1/team/members/{id}/skills"]!["put"]!["requestBody"].ShouldNotBeNull();
        paths["/api/v1/team/teams/{id}"]!["delete"]!["responses"]!["409"].ShouldNotBeNull();
    }
}

public sealed class TeamsTestsOnSqlite(SqliteApp app) : TeamsTests(app), IClassFixture<SqliteApp>;

public sealed class TeamsTestsOnPostgres(PostgresApp app) : TeamsTests(app), IClassFixture<PostgresApp>;
