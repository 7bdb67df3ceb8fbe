using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Lifecycle;

/// <summary>
/// Twenty requests at once that each want a seat — restores, link joins, bulk invites — on a plan with room for
/// fewer: exactly as many succeed as fit, because each counts seats (and a link's uses) under the workspace lock.
/// </summary>
public abstract class LifecycleRaceTests(SwitchboardApp app)
{
    private const int Racers = 20;

    private static async Task ShouldBeWithinItsPlanAsync(Business business)
    {
        var billing = await business.BillingAsync();
        billing.AgentsUsed().ShouldBeLessThanOrEqualTo(billing["agent_limit"]!.GetValue<int>(), billing.ToJsonString());
    }

    [Fact]
    public async Task Twenty_parallel_restores_on_a_full_plan_admit_exactly_the_free_seats()
    {
        // Pro: five agents. Twenty members on lite seats are moved to full one by one while suspended.
        var business = await app.CreateBusinessAsync(plan: "pro");
        var suspended = new List<Guid>();
        for (var i = 0; i < Racers; i++)
        {
            var (_, member) = await business.AddMemberAsync();
            suspended.Add(member);
            await business.SuspendAsync(member);
        }
        (await business.BillingAsync()).AgentsUsed().ShouldBe(0);
        // Three seats taken by others: two are left for twenty restores.
        for (var i = 0; i < 3; i++) await business.AddMemberAsync();

        var answers = await Task.WhenAll(suspended.Select(m => business.Client.PostAsync($"/api/v1/team/members/{m}/restore", null)));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(2);
        answers.Count(a => a.StatusCode == HttpStatusCode.PaymentRequired).ShouldBe(Racers - 2);
        (await business.BillingAsync()).AgentsUsed().ShouldBe(5);
    }

    [Fact]
    public async Task Twenty_parallel_joins_through_a_link_never_exceed_the_plan_nor_the_links_uses()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var fullLink = await business.CreateLinkAsync(seat: "full", uses: 1000);
        var liteLink = await business.CreateLinkAsync(seat: "lite", uses: 3);
        var joiners = new List<Account>();
        for (var i = 0; i < Racers * 2; i++) joiners.Add(await app.RegisterAsync());

        var full = await Task.WhenAll(joiners.Take(Racers).Select(j => app.JoinLinkAsync(j, fullLink.Text("token"))));
        var lite = await Task.WhenAll(joiners.Skip(Racers).Select(j => app.JoinLinkAsync(j, liteLink.Text("token"))));

        full.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(2);
        full.Count(a => a.StatusCode == HttpStatusCode.PaymentRequired).ShouldBe(Racers - 2);
        lite.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(3);
        lite.Count(a => a.StatusCode == HttpStatusCode.NotFound).ShouldBe(Racers - 3);
        await ShouldBeWithinItsPlanAsync(business);
        var links = (await business.Pipeback().GetAsync("/app/invite-links").ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray();
        links.Single(l => l!.Text("id") == liteLink.Text("id"))!["uses"]!.GetValue<int>().ShouldBe(3);
        links.Single(l => l!.Text("id") == fullLink.Text("id"))!["uses"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task Twenty_parallel_bulk_invites_on_a_nearly_full_plan_invite_exactly_the_free_seats()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        await business.AddMemberAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => business.Pipeback().PostAsJsonAsync("/app/invites/bulk",
            new { emails = new[] { Api.NewEmail("bulk"), Api.NewEmail("bulk") }, seat = "full" })));

        var results = new List<string>();
        foreach (var answer in answers)
        {
            answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
            results.AddRange((await answer.ReadJsonAsync())["data"]!.AsArray().Select(r => r!.Text("result")));
        }
        results.Count(r => r == "invited").ShouldBe(1);
        results.Count(r => r == "plan_limit").ShouldBe(Racers * 2 - 1);
        await ShouldBeWithinItsPlanAsync(business);
    }
}

public sealed class LifecycleRaceTestsOnSqlite(SqliteApp app) : LifecycleRaceTests(app), IClassFixture<SqliteApp>;

public sealed class LifecycleRaceTestsOnPostgres(PostgresApp app) : LifecycleRaceTests(app), IClassFixture<PostgresApp>;
