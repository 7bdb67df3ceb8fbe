using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchboard.SocketIO;
using Switchboard.Domain;
using Switchboard.Tests.AccountLifecycle;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Realtime;

namespace Switchboard.Tests.Routing;

/// <summary>
/// Teams, required skills, priorities and first-response targets in auto routing, over real HTTP and Socket.IO on a
/// fake clock: the fallback and the SLA alerts come from the routing clock's own timer when the test moves time.
/// </summary>
public abstract class PrioritiesAndSkillsTests<TApp>(TApp app) where TApp : SwitchboardApp, IRealtimeTestApp
{
    private async Task<(Business Business, List<(Account Account, Guid MemberId)> Agents)> FloorAsync(int agents, int capacity = 5)
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        await business.Client.PatchAsJsonAsync("/api/v1/team/status", new { status = "offline" }).ShouldAnswer(HttpStatusCode.OK);
        var list = new List<(Account, Guid)>();
        for (var i = 0; i < agents; i++) list.Add(await business.AddMemberAsync());
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { mode = "auto", default_capacity = capacity })
            .ShouldAnswer(HttpStatusCode.OK);
        return (business, list);
    }

    private Task GoAsync(Account agent, string status) =>
        app.As(agent.Token).PatchAsJsonAsync("/api/v1/team/status", new { status }).ShouldAnswer(HttpStatusCode.OK);

    private static Task<JsonNode> OpenAsync(Business business, object body) =>
        business.Client.PostAsJsonAsync("/api/v1/conversations/", body).ShouldAnswer(HttpStatusCode.Created);

    private static async Task<JsonNode> ReadAsync(Business business, Guid conversation) =>
        await business.Client.GetAsync($"/api/v1/conversations/{conversation}").ShouldAnswer(HttpStatusCode.OK);

    private static Guid? AssigneeOf(JsonNode conversation) =>
        conversation["assigned_agent_id"] is { } a ? Guid.Parse(a.GetValue<string>()) : null;

    private static Guid IdOf(JsonNode node) => Guid.Parse(node["id"]!.GetValue<string>());

    private static async Task<Guid> TeamAsync(Business business, string name, params Guid[] members)
    {
        var team = IdOf(await business.Client.PostAsJsonAsync("/api/v1/team/teams", new { name }).ShouldAnswer(HttpStatusCode.Created));
        foreach (var member in members)
            await business.Client.PutAsync($"/api/v1/team/teams/{team}/members/{member}", null).ShouldAnswer(HttpStatusCode.OK);
        return team;
    }

    private static Task SkillsAsync(Business business, Guid member, params string[] skills) =>
        business.Client.PutAsJsonAsync($"/api/v1/team/members/{member}/skills", new { skills }).ShouldAnswer(HttpStatusCode.OK);

    [Fact]
    public async Task A_conversation_that_names_nothing_is_shown_with_the_defaults_and_routes_as_before()
    {
        var (business, agents) = await FloorAsync(1);
        await GoAsync(agents[0].Account, "live");
        var created = await OpenAsync(business, new { business_id = business.Id });
        created["priority"]!.GetValue<string>().ShouldBe("normal");
        created["team_id"].ShouldBeNull();
        created["required_skills"]!.AsArray().ShouldBeEmpty();
        created["sla_due_at"].ShouldBeNull();
        created["sla_state"]!.GetValue<string>().ShouldBe("none");
        created["skills_relaxed_at"].ShouldBeNull();
        AssigneeOf(created).ShouldBe(agents[0].Account.UserId);
    }

    [Fact]
    public async Task Routing_chooses_only_team_members_holding_every_required_skill_and_the_rest_of_the_queue_moves_on()
    {
        var (business, agents) = await FloorAsync(3);
        var (billing, german, outsider) = (agents[0], agents[1], agents[2]);
        var team = await TeamAsync(business, "Billing", billing.MemberId, german.MemberId);
        await SkillsAsync(business, german.MemberId, "de", "billing");
        await SkillsAsync(business, billing.MemberId, "billing");
        await SkillsAsync(business, outsider.MemberId, "fr");
        foreach (var (agent, _) in agents) await GoAsync(agent, "live");

        // The outsider has the least load, but is not in the team.
        var inTeam = await OpenAsync(business, new { business_id = business.Id, team_id = team });
        new[] { billing.Account.UserId, german.Account.UserId }.ShouldContain(AssigneeOf(inTeam)!.Value);
        var needsGerman = await OpenAsync(business, new { business_id = business.Id, team_id = team, required_skills = new[] { "DE", "billing" } });
        AssigneeOf(needsGerman).ShouldBe(german.Account.UserId);
        (await ReadAsync(business, IdOf(needsGerman)))["required_skills"]!.AsArray().Select(s => s!.GetValue<string>())
            .ShouldBe(["de", "billing"]);
        var french = await OpenAsync(business, new { business_id = business.Id, required_skills = new[] { "fr" } });
        AssigneeOf(french).ShouldBe(outsider.Account.UserId);

        // Nobody live in the team holds "fr": it waits, and a conversation behind it is still routed.
        var stuck = await OpenAsync(business, new { business_id = business.Id, team_id = team, required_skills = new[] { "fr" } });
        var behind = await OpenAsync(business, new { business_id = business.Id });
        AssigneeOf(stuck).ShouldBeNull();
        AssigneeOf(behind).ShouldNotBeNull();

        // Giving the skill to a team member lets it through at once (skills changes wake routing).
        await SkillsAsync(business, billing.MemberId, "billing", "fr");
        AssigneeOf(await ReadAsync(business, IdOf(stuck))).ShouldBe(billing.Account.UserId);
    }

    [Fact]
    public async Task The_queue_is_served_by_priority_then_age()
    {
        var (business, agents) = await FloorAsync(1, capacity: 1);
        var low = IdOf(await OpenAsync(business, new { business_id = business.Id, priority = "low" }));
        var normalOld = IdOf(await OpenAsync(business, new { business_id = business.Id }));
        app.Time.Advance(TimeSpan.FromSeconds(1));
        var normalNew = IdOf(await OpenAsync(business, new { business_id = business.Id, priority = "normal" }));
        var urgent = IdOf(await OpenAsync(business, new { business_id = business.Id, priority = "urgent" }));
        var high = IdOf(await OpenAsync(business, new { business_id = business.Id, priority = "high" }));

        var supervisor = await business.Client.GetAsync("/api/v1/team/supervisor").ShouldAnswer(HttpStatusCode.OK);
        supervisor["queue"]!.AsArray().Select(q => Guid.Parse(q!["conversation_id"]!.GetValue<string>()))
            .ShouldBe([urgent, high, normalOld, normalNew, low]);

        var agent = agents[0].Account;
        await GoAsync(agent, "live");
        var served = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var mine = (await business.Client.GetAsync("/api/v1/conversations/?status=open").ShouldAnswer(HttpStatusCode.OK)).AsArray()
                .Single(c => AssigneeOf(c!) == agent.UserId)!;
            served.Add(IdOf(mine));
            await app.As(agent.Token).PutAsync($"/api/v1/conversations/{IdOf(mine)}/resolve", null).ShouldAnswer(HttpStatusCode.OK);
        }
        served.ShouldBe([urgent, high, normalOld, normalNew, low]);
    }

    [Fact]
    public async Task After_the_fallback_time_required_skills_relax_and_the_conversation_says_so()
    {
        var (business, agents) = await FloorAsync(2);
        var (generalist, linguist) = (agents[0], agents[1]);
        await SkillsAsync(business, linguist.MemberId, "fr", "vip");
        await SkillsAsync(business, generalist.MemberId, "vip");
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { skills_fallback_seconds = 60 }).ShouldAnswer(HttpStatusCode.OK);
        await GoAsync(generalist.Account, "live");
        var waiting = IdOf(await OpenAsync(business, new { business_id = business.Id, required_skills = new[] { "fr", "vip" } }));
        AssigneeOf(await ReadAsync(business, waiting)).ShouldBeNull();

        app.Time.Advance(TimeSpan.FromSeconds(30));
        // Not yet: half the fallback time. A sweep has run (the timer's period is 30 s), and it stays.
        AssigneeOf(await ReadAsync(business, waiting)).ShouldBeNull();
        app.Time.Advance(TimeSpan.FromSeconds(31));

        await Polling.UntilAsync(async () => AssigneeOf(await ReadAsync(business, waiting)) is not null, "skills to relax");
        var relaxed = await ReadAsync(business, waiting);
        AssigneeOf(relaxed).ShouldBe(generalist.Account.UserId);
        relaxed["skills_relaxed_at"].ShouldNotBeNull();
        relaxed["required_skills"]!.AsArray().Count.ShouldBe(2);
        (await business.Client.GetAsync("/api/v1/team/routing").ShouldAnswer(HttpStatusCode.OK))["skills_fallback_seconds"]!
            .GetValue<int>().ShouldBe(60);
    }

    [Fact]
    public async Task Relaxed_skills_still_prefer_whoever_holds_the_first_listed_one()
    {
        var (business, agents) = await FloorAsync(3);
        var (none, second, first) = (agents[0], agents[1], agents[2]);
        await SkillsAsync(business, first.MemberId, "fr");
        await SkillsAsync(business, second.MemberId, "vip");
        await SkillsAsync(business, none.MemberId, "other");
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { skills_fallback_seconds = 10 }).ShouldAnswer(HttpStatusCode.OK);
        foreach (var (agent, _) in agents) await GoAsync(agent, "live");
        // "first" takes a conversation, so the load rule alone would pick one of the others.
        await OpenAsync(business, new { business_id = business.Id, required_skills = new[] { "fr" } });
        var waiting = IdOf(await OpenAsync(business, new { business_id = business.Id, required_skills = new[] { "fr", "vip" } }));
        AssigneeOf(await ReadAsync(business, waiting)).ShouldBeNull();

        app.Time.Advance(TimeSpan.FromSeconds(31));

        await Polling.UntilAsync(async () => AssigneeOf(await ReadAsync(business, waiting)) is not null, "skills to relax");
        AssigneeOf(await ReadAsync(business, waiting)).ShouldBe(first.Account.UserId);
    }

    [Fact]
    public async Task Targets_per_priority_set_sla_due_at_and_warn_then_breach_only_the_owner_and_admins()
    {
        var (business, agents) = await FloorAsync(1);
        var (admin, _) = await business.AddMemberAsync("admin");
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { sla = new { urgent = 100, high = 900 } })
            .ShouldAnswer(HttpStatusCode.OK);
        using var adminSocket = await RawSocket.ConnectAsync(app, admin.Token, business.Id);
        using var agentSocket = await RawSocket.ConnectAsync(app, agents[0].Account.Token, business.Id);

        var created = await OpenAsync(business, new { business_id = business.Id, priority = "urgent" });
        var conversation = IdOf(created);
        var createdAt = DateTime.Parse(created["created_at"]!.GetValue<string>()).ToUniversalTime();
        DateTime.Parse(created["sla_due_at"]!.GetValue<string>()).ToUniversalTime().ShouldBe(createdAt.AddSeconds(100));
        (await OpenAsync(business, new { business_id = business.Id }))["sla_due_at"].ShouldBeNull();   // normal: no target

        app.Time.Advance(TimeSpan.FromSeconds(85));
        var warning = await HeardAsync(adminSocket, "sla_warning");
        warning.ShouldContain(conversation.ToString());
        warning.ShouldContain("\"priority\":\"urgent\"");
        (await ReadAsync(business, conversation))["sla_state"]!.GetValue<string>().ShouldBe("warned");

        app.Time.Advance(TimeSpan.FromSeconds(30));
        (await HeardAsync(adminSocket, "sla_breached")).ShouldContain(conversation.ToString());
        (await ReadAsync(business, conversation))["sla_state"]!.GetValue<string>().ShouldBe("breached");
        app.Events.Of<SlaAlert>(business.Id).Count(a => a.ConversationId == conversation).ShouldBe(2);

        // The agent's socket heard neither; a frame sent after the alerts shows nothing came before it.
        await business.Client.PatchAsJsonAsync("/api/v1/team/status", new { status = "away" }).ShouldAnswer(HttpStatusCode.OK);
        var agentHeard = await HeardUntilAsync(agentSocket, "agent_status_changed");
        agentHeard.ShouldNotContain(f => f.Contains("sla_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_first_reply_in_time_meets_the_target_and_no_alert_follows()
    {
        var (business, agents) = await FloorAsync(1);
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { sla = new { high = 100 } }).ShouldAnswer(HttpStatusCode.OK);
        await GoAsync(agents[0].Account, "live");
        var conversation = IdOf(await OpenAsync(business, new { business_id = business.Id, priority = "high" }));
        await app.As(agents[0].Account.Token).PostAsJsonAsync($"/api/v1/conversations/{conversation}/reply", new { message = "Hi" })
            .ShouldAnswer(HttpStatusCode.OK);
        (await ReadAsync(business, conversation))["sla_state"]!.GetValue<string>().ShouldBe("met");
        // A later conversation past its target shows the clock ran; the met one raised nothing.
        var late = IdOf(await OpenAsync(business, new { business_id = business.Id, priority = "high" }));

        app.Time.Advance(TimeSpan.FromSeconds(120));

        await Polling.UntilAsync(() => Task.FromResult(app.Events.Of<SlaAlert>(business.Id).Any(a => a.ConversationId == late && a.Breached)), "the late one to breach");
        app.Events.Of<SlaAlert>(business.Id).ShouldNotContain(a => a.ConversationId == conversation);
    }

    [Fact]
    public async Task Patch_changes_team_skills_and_priority_and_refusals_store_nothing()
    {
        var (business, agents) = await FloorAsync(1);
        await SkillsAsync(business, agents[0].MemberId, "billing");
        var team = await TeamAsync(business, "Billing");
        var other = await app.CreateBusinessAsync(plan: "pro");
        var foreignTeam = await TeamAsync(other, "Theirs");
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { sla = new { urgent = 600 } }).ShouldAnswer(HttpStatusCode.OK);
        var conversation = IdOf(await OpenAsync(business, new { business_id = business.Id }));
        var before = (await business.Client.GetAsync("/api/v1/conversations/").ShouldAnswer(HttpStatusCode.OK)).AsArray().Count;

        // Refused on create: priority typo, unknown team, another business's team, a skill nobody holds, a malformed id.
        var typo = await business.Client.PostAsJsonAsync("/api/v1/conversations/", new { business_id = business.Id, priority = "urgnet" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        typo["detail"]![0]!["loc"]![1]!.GetValue<string>().ShouldBe("priority");
        typo["detail"]![0]!["type"]!.GetValue<string>().ShouldBe("enum");
        (await business.Client.PostAsJsonAsync("/api/v1/conversations/", new { business_id = business.Id, team_id = Guid.NewGuid() })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity))["detail"]![0]!["msg"]!.GetValue<string>().ShouldContain("unknown team");
        await business.Client.PostAsJsonAsync("/api/v1/conversations/", new { business_id = business.Id, team_id = foreignTeam })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        (await business.Client.PostAsJsonAsync("/api/v1/conversations/", new { business_id = business.Id, required_skills = new[] { "klingon" } })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity))["detail"]![0]!["msg"]!.GetValue<string>().ShouldContain("klingon");
        await business.Client.PostAsJsonAsync("/api/v1/conversations/", new { business_id = business.Id, team_id = "nope" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        (await business.Client.GetAsync("/api/v1/conversations/").ShouldAnswer(HttpStatusCode.OK)).AsArray().Count.ShouldBe(before);

        // Refused on PATCH: nothing changes.
        await business.Client.PatchAsJsonAsync($"/api/v1/conversations/{conversation}", new { team_id = foreignTeam, priority = "urgent" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await business.Client.PatchAsJsonAsync($"/api/v1/conversations/{conversation}", new { priority = "URGENT" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await business.Client.PatchAsJsonAsync($"/api/v1/conversations/{Guid.NewGuid()}", new { priority = "high" })
            .ShouldAnswer(HttpStatusCode.NotFound);
        var unchanged = await ReadAsync(business, conversation);
        unchanged["priority"]!.GetValue<string>().ShouldBe("normal");
        unchanged["team_id"].ShouldBeNull();

        var changed = await business.Client.PatchAsJsonAsync($"/api/v1/conversations/{conversation}",
            new { team_id = team, required_skills = new[] { "billing" }, priority = "urgent" }).ShouldAnswer(HttpStatusCode.OK);
        changed["team_id"]!.GetValue<string>().ShouldBe(team.ToString());
        changed["priority"]!.GetValue<string>().ShouldBe("urgent");
        changed["required_skills"]!.AsArray().Single()!.GetValue<string>().ShouldBe("billing");
        var createdAt = DateTime.Parse(changed["created_at"]!.GetValue<string>()).ToUniversalTime();
        DateTime.Parse(changed["sla_due_at"]!.GetValue<string>()).ToUniversalTime().ShouldBe(createdAt.AddSeconds(600));
        var cleared = await business.Client.PatchAsJsonAsync($"/api/v1/conversations/{conversation}",
            new { team_id = (Guid?)null, required_skills = (string[]?)null }).ShouldAnswer(HttpStatusCode.OK);
        cleared["team_id"].ShouldBeNull();
        cleared["required_skills"]!.AsArray().ShouldBeEmpty();
        cleared["priority"]!.GetValue<string>().ShouldBe("urgent");

        // Deleting the team lets its conversations route to anyone.
        await business.Client.PatchAsJsonAsync($"/api/v1/conversations/{conversation}", new { team_id = team }).ShouldAnswer(HttpStatusCode.OK);
        await business.Client.DeleteAsync($"/api/v1/team/teams/{team}").ShouldAnswer(HttpStatusCode.OK);
        (await ReadAsync(business, conversation))["team_id"].ShouldBeNull();

        // Routing settings refuse unknown priorities and bad targets, and keep what they had.
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { sla = new { urgnet = 60 } }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { sla = new { high = 0 } }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { skills_fallback_seconds = -5 }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        var routing = await business.Client.GetAsync("/api/v1/team/routing").ShouldAnswer(HttpStatusCode.OK);
        routing["sla"]!["urgent"]!.GetValue<int>().ShouldBe(600);
        routing["sla"]!["high"].ShouldBeNull();
    }

    private static async Task<string> HeardAsync(System.Net.WebSockets.ClientWebSocket socket, string eventName) =>
        (await HeardUntilAsync(socket, eventName)).Last();

    /// <summary>Frames until one carries the event (pings answered); bounded only so a broken test cannot hang.</summary>
    private static async Task<List<string>> HeardUntilAsync(System.Net.WebSockets.ClientWebSocket socket, string eventName)
    {
        var heard = new List<string>();
        while (true)
        {
            var frame = await RawSocket.ReceiveAsync(socket, TimeSpan.FromSeconds(15));
            heard.Add(frame);
            if (frame == "2")
                await socket.SendAsync("3"u8.ToArray(), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None);
            if (frame.StartsWith($"42[\"{eventName}\"", StringComparison.Ordinal)) return heard;
        }
    }
}

/// <summary>
/// The service on a fake clock behind Kestrel, except the sockets' heartbeat, which keeps real time: a test that
/// moves the clock by minutes must not see its sockets time out for pongs they had no chance to send.
/// </summary>
internal static class FakeClockRealSockets
{
    public static void Configure(IWebHostBuilder builder, FakeTimeProvider time) =>
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.PostConfigure<SocketIOOptions>(o => o.TimeProvider = TimeProvider.System);
        });
}

public sealed class RoutingSqliteApp : SqliteApp, IRealtimeTestApp
{
    public Uri Address { get; private set; } = null!;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        FakeClockRealSockets.Configure(builder, Time);
    }

    public override ValueTask InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        Address = ClientOptions.BaseAddress;
        return ValueTask.CompletedTask;
    }
}

public sealed class RoutingPostgresApp : PostgresApp, IRealtimeTestApp
{
    public Uri Address { get; private set; } = null!;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        FakeClockRealSockets.Configure(builder, Time);
    }

    public override ValueTask InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        Address = ClientOptions.BaseAddress;
        return ValueTask.CompletedTask;
    }
}

public sealed class PrioritiesAndSkillsTestsOnSqlite(RoutingSqliteApp app)
    : PrioritiesAndSkillsTests<RoutingSqliteApp>(app), IClassFixture<RoutingSqliteApp>;

public sealed class PrioritiesAndSkillsTestsOnPostgres(RoutingPostgresApp app)
    : PrioritiesAndSkillsTests<RoutingPostgresApp>(app), IClassFixture<RoutingPostgresApp>;
