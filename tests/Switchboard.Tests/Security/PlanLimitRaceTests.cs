using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Security;

/// <summary>
/// A plan downgrade racing seat changes or invites never leaves the workspace over its new limit: every path
/// that counts seats reads the plan after taking the workspace lock, so whichever commits second sees the first.
/// </summary>
public abstract class PlanLimitRaceTests(SwitchboardApp app)
{
    private const int Trials = 20;

    private async Task<(Business Business, List<Guid> LiteMembers)> ProWithFiveLiteSeatsAsync()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var lite = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var (_, member) = await business.AddMemberAsync();
            await business.Client.PatchAsJsonAsync($"/api/v1/team/members/{member}", new { seat = "lite" }).ShouldAnswer(HttpStatusCode.OK);
            lite.Add(member);
        }
        return (business, lite);
    }

    private static async Task ShouldBeWithinItsPlanAsync(Business business, string trial)
    {
        var billing = await business.Client.GetAsync("/api/v1/billing").ShouldAnswer(HttpStatusCode.OK);
        var limit = billing["agent_limit"]!.GetValue<int>();
        var used = billing["agents_used"]!.GetValue<int>();
        used.ShouldBeLessThanOrEqualTo(limit, $"{trial}: {billing.ToJsonString()}");
    }

    [Fact]
    public async Task A_downgrade_racing_five_seat_flips_never_ends_over_the_limit()
    {
        for (var trial = 0; trial < Trials; trial++)
        {
            var (business, lite) = await ProWithFiveLiteSeatsAsync();
            var flips = lite.Select(m => business.Client.PatchAsJsonAsync($"/api/v1/team/members/{m}", new { seat = "full" }));
            var downgrade = business.Client.PutAsJsonAsync("/api/v1/billing/plan", new { plan = "free" });
            var answers = await Task.WhenAll(flips.Append(downgrade));
            answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK || a.StatusCode == HttpStatusCode.PaymentRequired
                || a.StatusCode == HttpStatusCode.BadRequest);
            await ShouldBeWithinItsPlanAsync(business, $"trial {trial}");
        }
    }

    [Fact]
    public async Task A_downgrade_racing_five_invites_on_either_face_never_ends_over_the_limit()
    {
        for (var trial = 0; trial < Trials; trial++)
        {
            var business = await app.CreateBusinessAsync(plan: "pro");
            var existing = new List<Account>();
            for (var i = 0; i < 2; i++) existing.Add(await app.RegisterAsync());
            var requests = new List<Task<HttpResponseMessage>>();
            for (var i = 0; i < 3; i++)
                requests.Add(business.Pipeback().PostAsJsonAsync("/app/invites", new { email = Api.NewEmail("race"), seat = "full" }));
            requests.AddRange(existing.Select(u => business.Client.PostAsync($"/api/v1/team/invite?email={u.Email}", null)));
            requests.Add(business.Client.PutAsJsonAsync("/api/v1/billing/plan", new { plan = "free" }));
            var answers = await Task.WhenAll(requests);
            answers.ShouldAllBe(a => (int)a.StatusCode < 500);
            await ShouldBeWithinItsPlanAsync(business, $"trial {trial}");
        }
    }
}

public sealed class PlanLimitRaceTestsOnSqlite(SqliteApp app) : PlanLimitRaceTests(app), IClassFixture<SqliteApp>;

public sealed class PlanLimitRaceTestsOnPostgres(PostgresApp app) : PlanLimitRaceTests(app), IClassFixture<PostgresApp>;
