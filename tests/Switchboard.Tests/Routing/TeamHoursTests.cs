using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NodaTime;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Realtime;

namespace Switchboard.Tests.Routing;

/// <summary>
/// A team's business hours over HTTP on the fake clock: the night shift past midnight in Berlin, holidays, the open
/// route, conversations for a closed team waiting until it opens, and refusals that store nothing.
/// </summary>
public abstract class TeamHoursTests<TApp>(TApp app) where TApp : SwitchboardApp, IRealtimeTestApp
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    /// <summary>Moves the app's clock forward to the next Monday at this Berlin time, at least a week from its "now".</summary>
    private LocalDate MoveToNextMondayAt(LocalTime time)
    {
        var now = Instant.FromDateTimeOffset(app.Time.GetUtcNow());
        var monday = now.InZone(Berlin).Date.PlusWeeks(1).With(DateAdjusters.NextOrSame(IsoDayOfWeek.Monday));
        MoveTo(monday.At(time));
        return monday;
    }

    private void MoveTo(LocalDateTime berlin) => app.Time.SetUtcNow(berlin.InZoneLeniently(Berlin).ToDateTimeOffset());

    private static string Utc(LocalDateTime berlin) =>
        berlin.InZoneLeniently(Berlin).ToInstant().ToDateTimeUtc().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private async Task<(Business Business, Guid Team, Account Agent)> NightTeamAsync()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        await business.Client.PatchAsJsonAsync("/api/v1/team/status", new { status = "offline" }).ShouldAnswer(HttpStatusCode.OK);
        var (agent, member) = await business.AddMemberAsync();
        var team = Guid.Parse((await business.Client.PostAsJsonAsync("/api/v1/team/teams", new { name = "Night" })
            .ShouldAnswer(HttpStatusCode.Created))["id"]!.GetValue<string>());
        await business.Client.PutAsync($"/api/v1/team/teams/{team}/members/{member}", null).ShouldAnswer(HttpStatusCode.OK);
        await business.Client.PutAsJsonAsync($"/api/v1/team/teams/{team}/hours", new
        {
            timezone = "Europe/Berlin",
            weekly = new[] { new { day = "mon", from = "22:00", to = "06:00" }, new { day = "wed", from = "09:00", to = "17:00" } },
        }).ShouldAnswer(HttpStatusCode.OK);
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { mode = "auto" }).ShouldAnswer(HttpStatusCode.OK);
        await app.As(agent.Token).PatchAsJsonAsync("/api/v1/team/status", new { status = "live" }).ShouldAnswer(HttpStatusCode.OK);
        return (business, team, agent);
    }

    private static async Task<JsonNode> OpenAsync(Business business, Guid team) =>
        await business.Client.GetAsync($"/api/v1/team/teams/{team}/open").ShouldAnswer(HttpStatusCode.OK);

    [Fact]
    public async Task The_night_shift_runs_past_midnight_and_its_conversations_wait_until_it_opens()
    {
        var (business, team, agent) = await NightTeamAsync();
        var monday = MoveToNextMondayAt(new LocalTime(12, 0));

        var closed = await OpenAsync(business, team);
        closed["open"]!.GetValue<bool>().ShouldBeFalse();
        closed["next_open_at"]!.GetValue<string>().ShouldBe(Utc(monday.At(new LocalTime(22, 0))));
        var waiting = Guid.Parse((await business.Client.PostAsJsonAsync("/api/v1/conversations/", new { business_id = business.Id, team_id = team })
            .ShouldAnswer(HttpStatusCode.Created))["id"]!.GetValue<string>());
        var elsewhere = await business.Client.PostAsJsonAsync("/api/v1/conversations/", new { business_id = business.Id })
            .ShouldAnswer(HttpStatusCode.Created);
        elsewhere["assigned_agent_id"]!.GetValue<string>().ShouldBe(agent.UserId.ToString());   // no team: routed at once

        MoveTo(monday.At(new LocalTime(22, 0, 30)));
        await Polling.UntilAsync(async () => (await business.Client.GetAsync($"/api/v1/conversations/{waiting}")
            .ShouldAnswer(HttpStatusCode.OK))["assigned_agent_id"] is not null, "the team to open");
        (await OpenAsync(business, team))["open"]!.GetValue<bool>().ShouldBeTrue();
        (await OpenAsync(business, team))["next_open_at"].ShouldBeNull();

        MoveTo(monday.PlusDays(1).At(new LocalTime(5, 59)));
        (await OpenAsync(business, team))["open"]!.GetValue<bool>().ShouldBeTrue();
        MoveTo(monday.PlusDays(1).At(new LocalTime(6, 0)));
        var morning = await OpenAsync(business, team);
        morning["open"]!.GetValue<bool>().ShouldBeFalse();
        morning["next_open_at"]!.GetValue<string>().ShouldBe(Utc(monday.PlusDays(2).At(new LocalTime(9, 0))));
    }

    [Fact]
    public async Task A_holiday_cancels_the_shift_that_starts_on_it()
    {
        var (business, team, _) = await NightTeamAsync();
        var monday = MoveToNextMondayAt(new LocalTime(21, 0));
        var holidays = new[] { monday.ToString("yyyy-MM-dd", null), monday.PlusDays(2).ToString("yyyy-MM-dd", null) };
        var hours = await business.Client.PutAsJsonAsync($"/api/v1/team/teams/{team}/hours", new
        {
            timezone = "Europe/Berlin",
            weekly = new[] { new { day = "mon", from = "22:00", to = "06:00" }, new { day = "wed", from = "09:00", to = "17:00" } },
            holidays,
        }).ShouldAnswer(HttpStatusCode.OK);
        hours["holidays"]!.AsArray().Select(h => h!.GetValue<string>()).ShouldBe(holidays);

        MoveTo(monday.At(new LocalTime(23, 0)));
        var open = await OpenAsync(business, team);
        open["open"]!.GetValue<bool>().ShouldBeFalse();
        open["next_open_at"]!.GetValue<string>().ShouldBe(Utc(monday.PlusWeeks(1).At(new LocalTime(22, 0))));
        (await business.Client.GetAsync($"/api/v1/team/teams/{team}/hours").ShouldAnswer(HttpStatusCode.OK))["weekly"]!
            .AsArray().Count.ShouldBe(2);

        // Without hours the team is always open.
        await business.Client.DeleteAsync($"/api/v1/team/teams/{team}/hours").ShouldAnswer(HttpStatusCode.OK);
        (await OpenAsync(business, team))["open"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Bad_hours_are_refused_with_the_field_and_the_stored_hours_stay()
    {
        var (business, team, agent) = await NightTeamAsync();
        async Task RefusedAsync(object body, string field)
        {
            var refused = await business.Client.PutAsJsonAsync($"/api/v1/team/teams/{team}/hours", body)
                .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
            refused["detail"]![0]!["loc"]![1]!.GetValue<string>().ShouldBe(field);
        }
        var week = new[] { new { day = "mon", from = "09:00", to = "17:00" } };
        await RefusedAsync(new { timezone = "Mars/Olympus", weekly = week }, "timezone");
        await RefusedAsync(new { timezone = "CEST+2", weekly = week }, "timezone");
        await RefusedAsync(new { weekly = week }, "timezone");
        await RefusedAsync(new { timezone = "Europe/Berlin", weekly = new[] { new { day = "monday", from = "09:00", to = "17:00" } } }, "weekly");
        await RefusedAsync(new { timezone = "Europe/Berlin", weekly = new[] { new { day = "mon", from = "9am", to = "17:00" } } }, "weekly");
        await RefusedAsync(new { timezone = "Europe/Berlin", weekly = new[] { new { day = "mon", from = "24:00", to = "17:00" } } }, "weekly");
        await RefusedAsync(new { timezone = "Europe/Berlin", weekly = new[]
        {
            new { day = "mon", from = "22:00", to = "06:00" }, new { day = "tue", from = "05:00", to = "12:00" },
        } }, "weekly");
        await RefusedAsync(new { timezone = "Europe/Berlin", weekly = week, holidays = new[] { "2026-02-30" } }, "holidays");
        await RefusedAsync(new { timezone = "Europe/Berlin" }, "weekly");
        await app.As(agent.Token).PutAsJsonAsync($"/api/v1/team/teams/{team}/hours", new { timezone = "Europe/Berlin", weekly = week })
            .ShouldAnswer(HttpStatusCode.Forbidden);
        await business.Client.PutAsJsonAsync($"/api/v1/team/teams/{Guid.NewGuid()}/hours", new { timezone = "Europe/Berlin", weekly = week })
            .ShouldAnswer(HttpStatusCode.NotFound);

        var stored = await business.Client.GetAsync($"/api/v1/team/teams/{team}/hours").ShouldAnswer(HttpStatusCode.OK);
        stored["timezone"]!.GetValue<string>().ShouldBe("Europe/Berlin");
        stored["weekly"]!.AsArray().Select(s => $"{s!["day"]} {s["from"]}-{s["to"]}").ShouldBe(["mon 22:00-06:00", "wed 09:00-17:00"]);
    }
}

public sealed class TeamHoursTestsOnSqlite(RoutingSqliteApp app) : TeamHoursTests<RoutingSqliteApp>(app), IClassFixture<RoutingSqliteApp>;

public sealed class TeamHoursTestsOnPostgres(RoutingPostgresApp app) : TeamHoursTests<RoutingPostgresApp>(app), IClassFixture<RoutingPostgresApp>;
