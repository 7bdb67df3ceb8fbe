using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NodaTime;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Realtime;

namespace Switchboard.Tests.Routing;

/// <summary>
/// The workspace's after-hours team over HTTP on the fake clock: outside a team's hours its conversations go to the
/// after-hours team while that one is open, and wait (as without one) while it is closed too.
/// </summary>
public abstract class AfterHoursTests<TApp>(TApp app) where TApp : SwitchboardApp, IRealtimeTestApp
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private void MoveTo(LocalDateTime berlin) => app.Time.SetUtcNow(berlin.InZoneLeniently(Berlin).ToDateTimeOffset());

    private static Guid IdOf(JsonNode node) => Guid.Parse(node["id"]!.GetValue<string>());

    private static async Task<Guid> TeamAsync(Business business, string name, Guid member, object? hours)
    {
        var team = IdOf(await business.Client.PostAsJsonAsync("/api/v1/team/teams", new { name }).ShouldAnswer(HttpStatusCode.Created));
        await business.Client.PutAsync($"/api/v1/team/teams/{team}/members/{member}", null).ShouldAnswer(HttpStatusCode.OK);
        if (hours is not null) await business.Client.PutAsJsonAsync($"/api/v1/team/teams/{team}/hours", hours).ShouldAnswer(HttpStatusCode.OK);
        return team;
    }

    private static async Task<Guid?> AssigneeAsync(Business business, Guid conversation) =>
        (await business.Client.GetAsync($"/api/v1/conversations/{conversation}").ShouldAnswer(HttpStatusCode.OK))["assigned_agent_id"]
            is { } a ? Guid.Parse(a.GetValue<string>()) : null;

    [Fact]
    public async Task Outside_its_hours_a_conversation_goes_to_the_open_after_hours_team_else_waits_for_its_own()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        await business.Client.PatchAsJsonAsync("/api/v1/team/status", new { status = "offline" }).ShouldAnswer(HttpStatusCode.OK);
        var (night, nightMember) = await business.AddMemberAsync();
        var (evening, eveningMember) = await business.AddMemberAsync();
        var nightTeam = await TeamAsync(business, "Night", nightMember, new
        {
            timezone = "Europe/Berlin", weekly = new[] { new { day = "mon", from = "22:00", to = "06:00" } },
        });
        var eveningTeam = await TeamAsync(business, "Evening", eveningMember, null);
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { mode = "auto" }).ShouldAnswer(HttpStatusCode.OK);
        foreach (var agent in new[] { night, evening })
            await app.As(agent.Token).PatchAsJsonAsync("/api/v1/team/status", new { status = "live" }).ShouldAnswer(HttpStatusCode.OK);
        var now = Instant.FromDateTimeOffset(app.Time.GetUtcNow());
        var monday = now.InZone(Berlin).Date.PlusWeeks(1).With(DateAdjusters.NextOrSame(IsoDayOfWeek.Monday));
        MoveTo(monday.At(new LocalTime(12, 0)));

        // No after-hours team: it waits for the night team.
        Task<JsonNode> OpenAsync() => business.Client.PostAsJsonAsync("/api/v1/conversations/", new { business_id = business.Id, team_id = nightTeam })
            .ShouldAnswer(HttpStatusCode.Created);
        var waiting = IdOf(await OpenAsync());
        (await AssigneeAsync(business, waiting)).ShouldBeNull();

        // Naming an open after-hours team routes it there at once (a routing change drains the queue).
        var set = await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { after_hours_team_id = eveningTeam })
            .ShouldAnswer(HttpStatusCode.OK);
        set["after_hours_team_id"]!.GetValue<string>().ShouldBe(eveningTeam.ToString());
        (await AssigneeAsync(business, waiting)).ShouldBe(evening.UserId);

        // The after-hours team closed too: the next one waits, and goes to the night team when it opens.
        await business.Client.PutAsJsonAsync($"/api/v1/team/teams/{eveningTeam}/hours", new
        {
            timezone = "Europe/Berlin", weekly = new[] { new { day = "mon", from = "18:00", to = "21:00" } },
        }).ShouldAnswer(HttpStatusCode.OK);
        var later = IdOf(await OpenAsync());
        (await AssigneeAsync(business, later)).ShouldBeNull();
        MoveTo(monday.At(new LocalTime(22, 0, 30)));
        await Polling.UntilAsync(async () => await AssigneeAsync(business, later) == night.UserId, "the night team to open");

        // Deleting the after-hours team clears the setting.
        await business.Client.DeleteAsync($"/api/v1/team/teams/{eveningTeam}").ShouldAnswer(HttpStatusCode.OK);
        (await business.Client.GetAsync("/api/v1/team/routing").ShouldAnswer(HttpStatusCode.OK))["after_hours_team_id"].ShouldBeNull();
    }
}

public sealed class AfterHoursTestsOnSqlite(RoutingSqliteApp app) : AfterHoursTests<RoutingSqliteApp>(app), IClassFixture<RoutingSqliteApp>;

public sealed class AfterHoursTestsOnPostgres(RoutingPostgresApp app) : AfterHoursTests<RoutingPostgresApp>(app), IClassFixture<RoutingPostgresApp>;
