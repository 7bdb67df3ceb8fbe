using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Team;

/// <summary>
/// GET /api/v1/team/members and GET /app/members with ?q=&amp;role=&amp;seat=&amp;status=&amp;sort=&amp;page=&amp;page_size=:
/// search, filters, a stable order across pages, each face's paging shape and 422s, and a cache entry per query.
/// </summary>
public abstract class MemberQueryTests(SwitchboardApp app)
{
    /// <summary>Adds members straight to the database (the list reads rows; how they joined does not matter here).</summary>
    private async Task SeedAsync(Guid workspaceId, params (string Name, string Email, Role Role, Seat Seat, AgentStatus Status)[] people)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        var at = DateTime.UtcNow;
        var i = 0;
        foreach (var p in people)
        {
            var user = new User
            {
                Email = p.Email, NormalizedEmail = EmailAddress.Normalize(p.Email), Name = p.Name, PasswordHash = "x",
                CreatedAt = at, UpdatedAt = at,
            };
            db.Users.Add(user);
            db.Memberships.Add(new Membership
            {
                WorkspaceId = workspaceId, UserId = user.Id, Role = p.Role, Seat = p.Seat, Status = p.Status,
                InvitedAt = at.AddMinutes(++i), UpdatedAt = at,
            });
        }
        await db.SaveChangesAsync();
    }

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private async Task<(Business Business, string Tag)> TeamAsync()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var t = Tag();
        await SeedAsync(business.Id,
            ("Zoe Ortiz", $"zoe-{t}@example.com", Role.Agent, Seat.Full, AgentStatus.Live),
            ("adam Brown", $"adam-{t}@example.com", Role.Admin, Seat.Full, AgentStatus.Away),
            ("Mia Lite", $"mia-{t}@example.com", Role.Agent, Seat.Lite, AgentStatus.Offline),
            ("Ben Stone", $"BEN.STONE-{t}@Example.com", Role.Agent, Seat.Full, AgentStatus.Offline),
            ("Percent 100%", $"pct-{t}@example.com", Role.Agent, Seat.Lite, AgentStatus.Live));
        return (business, t);
    }

    private static string[] Names(JsonNode page, string list = "items") =>
        page[list]!.AsArray().Select(m => m!["name"]!.GetValue<string>()).ToArray();

    [Fact]
    public async Task Without_parameters_both_faces_answer_the_whole_list_as_before()
    {
        var (business, _) = await TeamAsync();
        var pingBack = await business.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);
        pingBack.AsArray().Count.ShouldBe(6);
        pingBack[0]!["role"]!.GetValue<string>().ShouldBe("owner");
        var pipeback = await app.As(business.Owner.Token, business.Id).GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK);
        pipeback.AsObject().Select(p => p.Key).ShouldBe(["data"]);
        pipeback["data"]!.AsArray().Count.ShouldBe(6);
    }

    [Fact]
    public async Task Search_matches_names_and_emails_whatever_their_case_and_takes_wildcards_literally()
    {
        var (business, t) = await TeamAsync();
        var page = await business.Client.GetAsync("/api/v1/team/members?q=ADAM").ShouldAnswer(HttpStatusCode.OK);
        Names(page).ShouldBe(["adam Brown"]);
        page["total"]!.GetValue<int>().ShouldBe(1);
        page["page"]!.GetValue<int>().ShouldBe(1);
        page["page_size"]!.GetValue<int>().ShouldBe(50);
        // Emails through their normal form: an upper-case address is found by lower-case text and back.
        Names(await business.Client.GetAsync($"/api/v1/team/members?q=ben.stone-{t}@EXAMPLE").ShouldAnswer(HttpStatusCode.OK)).ShouldBe(["Ben Stone"]);
        Names(await business.Client.GetAsync("/api/v1/team/members?q=%25").ShouldAnswer(HttpStatusCode.OK)).ShouldBe(["Percent 100%"]);
        Names(await business.Client.GetAsync("/api/v1/team/members?q=_").ShouldAnswer(HttpStatusCode.OK)).ShouldBeEmpty();
        Names(await business.Client.GetAsync($"/api/v1/team/members?q=-{t}&sort=name").ShouldAnswer(HttpStatusCode.OK))
            .ShouldBe(["adam Brown", "Ben Stone", "Mia Lite", "Percent 100%", "Zoe Ortiz"]);
    }

    [Fact]
    public async Task Filters_combine_and_sorts_go_both_ways()
    {
        var (business, _) = await TeamAsync();
        Names(await business.Client.GetAsync("/api/v1/team/members?role=agent&seat=full&sort=name").ShouldAnswer(HttpStatusCode.OK))
            .ShouldBe(["Ben Stone", "Zoe Ortiz"]);
        Names(await business.Client.GetAsync("/api/v1/team/members?status=live&sort=-name").ShouldAnswer(HttpStatusCode.OK))
            .ShouldBe(["Zoe Ortiz", "Percent 100%", "Olivia Owner"]);
        Names(await business.Client.GetAsync("/api/v1/team/members?role=owner").ShouldAnswer(HttpStatusCode.OK)).ShouldBe(["Olivia Owner"]);
        // Roles rank owner, admin, agent (not alphabetically); ties by name.
        Names(await business.Client.GetAsync("/api/v1/team/members?sort=role").ShouldAnswer(HttpStatusCode.OK))
            .ShouldBe(["Olivia Owner", "adam Brown", "Ben Stone", "Mia Lite", "Percent 100%", "Zoe Ortiz"]);
        Names(await business.Client.GetAsync("/api/v1/team/members?sort=-joined").ShouldAnswer(HttpStatusCode.OK))
            .ShouldBe(["Percent 100%", "Ben Stone", "Mia Lite", "adam Brown", "Zoe Ortiz", "Olivia Owner"]);
    }

    [Fact]
    public async Task Pages_cover_every_member_once_in_a_stable_order_with_the_pipeback_paginator_meta()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var t = Tag();
        // Same names everywhere: only the id tie-break keeps pages from repeating or skipping anyone.
        await SeedAsync(business.Id, Enumerable.Range(0, 23)
            .Select(i => ("Same Name", $"same{i}-{t}@example.com", Role.Agent, Seat.Full, AgentStatus.Offline)).ToArray());
        var pipeback = app.As(business.Owner.Token, business.Id);
        var seen = new List<string>();
        for (var number = 1; number <= 3; number++)
        {
            var page = await pipeback.GetAsync($"/app/members?q=same&sort=name&page={number}&page_size=10").ShouldAnswer(HttpStatusCode.OK);
            page["meta"]!.ToJsonString().ShouldBe($$"""{"current_page":{{number}},"last_page":3,"per_page":10,"total":23}""");
            seen.AddRange(page["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
        }
        seen.Count.ShouldBe(23);
        seen.Distinct().Count().ShouldBe(23);
        var again = await pipeback.GetAsync("/app/members?q=same&sort=name&page=1&page_size=10").ShouldAnswer(HttpStatusCode.OK);
        again["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ShouldBe(seen.Take(10));
        // Past the last page: nothing, with the total still told.
        var beyond = await pipeback.GetAsync("/app/members?q=same&page=9&page_size=10").ShouldAnswer(HttpStatusCode.OK);
        beyond["data"]!.AsArray().Count.ShouldBe(0);
        beyond["meta"]!["total"]!.GetValue<int>().ShouldBe(23);
    }

    [Theory]
    [InlineData("role=boss", "role")]
    [InlineData("seat=half", "seat")]
    [InlineData("status=busy", "status")]
    [InlineData("sort=height", "sort")]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("page_size=101", "page_size")]
    [InlineData("page_size=-1", "page_size")]
    [InlineData("team=billing", "team")]
    public async Task A_bad_value_is_a_422_naming_the_parameter_on_each_face(string query, string field)
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var pingBack = await business.Client.GetAsync($"/api/v1/team/members?{query}").ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        pingBack["detail"]![0]!["loc"]!.ToJsonString().ShouldBe($"""["query","{field}"]""");
        var pipeback = await app.As(business.Owner.Token, business.Id).GetAsync($"/app/members?{query}")
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        pipeback["errors"]!.AsObject().Select(p => p.Key).ShouldBe([field]);
        pipeback["message"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task OpenApi_lists_the_parameters_on_both_list_routes()
    {
        var doc = await app.Anonymous().GetAsync("/openapi/v1.json").ShouldAnswer(HttpStatusCode.OK);
        foreach (var path in new[] { "/api/v1/team/members", "/app/members" })
        {
            var get = doc["paths"]![path]!["get"]!;
            get["parameters"]!.AsArray().Where(p => p!["in"]!.GetValue<string>() == "query").Select(p => p!["name"]!.GetValue<string>())
                .ShouldBe(["q", "role", "seat", "status", "sort", "page", "page_size", "team"], ignoreOrder: true);
            get["description"]!.GetValue<string>().ShouldContain("page_size (1-100, default 50)");
        }
    }

    [Fact]
    public async Task A_team_filter_lists_that_teams_members_only_and_another_workspaces_team_matches_nobody()
    {
        var (business, t) = await TeamAsync();
        var all = await business.Client.GetAsync($"/api/v1/team/members?q=-{t}&sort=name").ShouldAnswer(HttpStatusCode.OK);
        var id = (string name) => all["items"]!.AsArray().First(m => m!["name"]!.GetValue<string>() == name)!["id"]!.GetValue<string>();
        var team = (await business.Client.PostAsJsonAsync("/api/v1/team/teams", new { name = "Billing" }).ShouldAnswer(HttpStatusCode.Created))
            ["id"]!.GetValue<string>();
        await business.Client.PutAsync($"/api/v1/team/teams/{team}/members/{id("Zoe Ortiz")}", null).ShouldAnswer(HttpStatusCode.OK);
        await business.Client.PutAsync($"/api/v1/team/teams/{team}/members/{id("Ben Stone")}", null).ShouldAnswer(HttpStatusCode.OK);

        Names(await business.Client.GetAsync($"/api/v1/team/members?team={team}&sort=name").ShouldAnswer(HttpStatusCode.OK))
            .ShouldBe(["Ben Stone", "Zoe Ortiz"]);
        // It combines with the search, and the Pipeback list pages it with its meta.
        var pipeback = app.As(business.Owner.Token, business.Id);
        var page = await pipeback.GetAsync($"/app/members?team={team}&q=zoe").ShouldAnswer(HttpStatusCode.OK);
        Names(page, "data").ShouldBe(["Zoe Ortiz"]);
        page["meta"]!["total"]!.GetValue<int>().ShouldBe(1);
        // A member taken out of the team leaves the filtered list at once (no stale cache entry).
        await business.Client.DeleteAsync($"/api/v1/team/teams/{team}/members/{id("Zoe Ortiz")}").ShouldAnswer(HttpStatusCode.OK);
        Names(await business.Client.GetAsync($"/api/v1/team/members?team={team}&sort=name").ShouldAnswer(HttpStatusCode.OK))
            .ShouldBe(["Ben Stone"]);

        // Another workspace naming this team's id sees none of its members.
        var other = await app.CreateBusinessAsync(plan: "pro");
        (await other.Client.GetAsync($"/api/v1/team/members?team={team}").ShouldAnswer(HttpStatusCode.OK))["total"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task A_long_search_is_refused_and_another_workspace_is_never_searched()
    {
        var (business, t) = await TeamAsync();
        var other = await app.CreateBusinessAsync(plan: "pro");
        (await other.Client.GetAsync($"/api/v1/team/members?q={t}").ShouldAnswer(HttpStatusCode.OK))["total"]!.GetValue<int>().ShouldBe(0);
        (await business.Client.GetAsync($"/api/v1/team/members?q={new string('a', 256)}").ShouldAnswer(HttpStatusCode.UnprocessableEntity))
            ["detail"]![0]!["loc"]![1]!.GetValue<string>().ShouldBe("q");
    }

    [Fact]
    public async Task Each_distinct_query_is_its_own_cache_entry_and_a_change_shows_at_once()
    {
        var (business, t) = await TeamAsync();
        // Text that would read as the next fields if the cache key merely joined them.
        Names(await business.Client.GetAsync("/api/v1/team/members?q=zoe").ShouldAnswer(HttpStatusCode.OK)).ShouldBe(["Zoe Ortiz"]);
        Names(await business.Client.GetAsync("/api/v1/team/members?q=mia").ShouldAnswer(HttpStatusCode.OK)).ShouldBe(["Mia Lite"]);
        (await business.Client.GetAsync("/api/v1/team/members?q=zoe%7Cagent").ShouldAnswer(HttpStatusCode.OK))["total"]!.GetValue<int>().ShouldBe(0);
        (await business.Client.GetAsync("/api/v1/team/members?q=zoe&role=admin").ShouldAnswer(HttpStatusCode.OK))["total"]!.GetValue<int>().ShouldBe(0);
        (await business.Client.GetAsync("/api/v1/team/members?q=zoe&page_size=1").ShouldAnswer(HttpStatusCode.OK))["page_size"]!.GetValue<int>().ShouldBe(1);

        var before = await business.Client.GetAsync("/api/v1/team/members?sort=name&page_size=100").ShouldAnswer(HttpStatusCode.OK);
        before["total"]!.GetValue<int>().ShouldBe(6);
        var (added, _) = await business.AddMemberAsync();
        var after = await business.Client.GetAsync("/api/v1/team/members?sort=name&page_size=100").ShouldAnswer(HttpStatusCode.OK);
        after["total"]!.GetValue<int>().ShouldBe(7);
        after["items"]!.AsArray().Select(m => m!["email"]!.GetValue<string>()).ShouldContain(added.Email);
    }
}

public sealed class MemberQueryTestsOnSqlite(SqliteApp app) : MemberQueryTests(app), IClassFixture<SqliteApp>;

public sealed class MemberQueryTestsOnPostgres(PostgresApp app) : MemberQueryTests(app), IClassFixture<PostgresApp>;
