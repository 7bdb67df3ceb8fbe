using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Routing;

/// <summary>GET /api/v1/team/skills, the workspace's skill catalogue, through the real HTTP stack (docs/routing.md).</summary>
public abstract class SkillCatalogueTests(SwitchboardApp app)
{
    private static Task SkillsAsync(Business business, Guid member, params string[] skills) =>
        business.Client.PutAsJsonAsync($"/api/v1/team/members/{member}/skills", new { skills }).ShouldAnswer(HttpStatusCode.OK);

    private static List<string> Listed(JsonNode catalogue) =>
        catalogue.AsArray().Select(e => $"{e!["skill"]!.GetValue<string>()}:{e["members"]!.GetValue<int>()}").ToList();

    [Fact]
    public async Task Every_member_reads_the_skills_of_their_own_workspace_by_name_with_how_many_hold_each()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (agent, first) = await business.AddMemberAsync();
        var (_, second) = await business.AddMemberAsync();
        var (lite, liteMember) = await business.AddMemberAsync();
        await business.Client.PatchAsJsonAsync($"/api/v1/team/members/{liteMember}", new { seat = "lite" }).ShouldAnswer(HttpStatusCode.OK);
        var theirs = await app.CreateBusinessAsync(plan: "pro");
        var (_, theirMember) = await theirs.AddMemberAsync();

        (await app.As(agent.Token).GetAsync("/api/v1/team/skills").ShouldAnswer(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();

        await SkillsAsync(business, first, "vip", "billing");
        await SkillsAsync(business, second, "Billing ", "fr");
        await SkillsAsync(business, liteMember, "c#");
        await SkillsAsync(theirs, theirMember, "billing", "secret-skill");

        // Sorted by name (ordinal, on both databases); "Billing " is billing; another workspace's holders do not count.
        var catalogue = await app.As(agent.Token).GetAsync("/api/v1/team/skills").ShouldAnswer(HttpStatusCode.OK);
        Listed(catalogue).ShouldBe(["billing:2", "c#:1", "fr:1", "vip:1"]);
        catalogue[0]!.AsObject().Select(p => p.Key).Order().ShouldBe(["members", "skill"]);
        Listed(await app.As(lite.Token).GetAsync("/api/v1/team/skills").ShouldAnswer(HttpStatusCode.OK))
            .ShouldBe(["billing:2", "c#:1", "fr:1", "vip:1"]);
        Listed(await theirs.Client.GetAsync("/api/v1/team/skills").ShouldAnswer(HttpStatusCode.OK))
            .ShouldBe(["billing:1", "secret-skill:1"]);

        // A skill nobody holds any more leaves the list; the count follows the holders.
        await SkillsAsync(business, first, "fr");
        Listed(await business.Client.GetAsync("/api/v1/team/skills").ShouldAnswer(HttpStatusCode.OK))
            .ShouldBe(["billing:1", "c#:1", "fr:2"]);
    }

    [Fact]
    public async Task Nobody_outside_the_workspace_reads_its_skills()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (_, member) = await business.AddMemberAsync();
        await SkillsAsync(business, member, "billing");
        var stranger = await app.RegisterAsync();
        var (departed, departedMember) = await business.AddMemberAsync();
        await business.Client.DeleteAsync($"/api/v1/team/members/{departedMember}").ShouldAnswer(HttpStatusCode.OK);

        await app.Anonymous().GetAsync("/api/v1/team/skills").ShouldAnswer(HttpStatusCode.Unauthorized);
        var refused = await app.As(stranger.Token, business.Id).GetAsync("/api/v1/team/skills").ShouldAnswer(HttpStatusCode.NotFound);
        refused.Detail().ShouldNotBeNullOrWhiteSpace();
        await app.As(departed.Token, business.Id).GetAsync("/api/v1/team/skills").ShouldAnswer(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_OpenAPI_document_shows_the_catalogue_as_a_list_of_skill_and_members()
    {
        var document = await app.Anonymous().GetAsync("/openapi/v1.json").ShouldAnswer(HttpStatusCode.OK);
        var get = document["paths"]!["/api/v1/team/skills"]!["get"]!;
        get["responses"]!["200"].ShouldNotBeNull();
        get["responses"]!["401"].ShouldNotBeNull();
        var entry = document["components"]!["schemas"]!["SkillCatalogueEntry"]!["properties"]!.AsObject();
        entry.Select(p => p.Key).Order().ShouldBe(["members", "skill"]);
    }
}

public sealed class SkillCatalogueTestsOnSqlite(SqliteApp app) : SkillCatalogueTests(app), IClassFixture<SqliteApp>;

public sealed class SkillCatalogueTestsOnPostgres(PostgresApp app) : SkillCatalogueTests(app), IClassFixture<PostgresApp>;
