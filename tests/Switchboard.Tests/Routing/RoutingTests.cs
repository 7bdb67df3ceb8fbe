using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Routing;

/// <summary>Auto routing over the real stack: selection, the queue, capacity, reassignment and the settings routes.</summary>
public abstract class RoutingTests(SwitchboardApp app)
{
    private async Task<(Business Business, List<(Account Account, Guid MemberId)> Agents)> TeamAsync(int agents, int capacity = 5)
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

    private async Task<Dictionary<Guid, Guid?>> AssigneesAsync(Business business)
    {
        var list = await business.Client.GetAsync("/api/v1/conversations/").ShouldAnswer(HttpStatusCode.OK);
        return list.AsArray().ToDictionary(c => Guid.Parse(c!["id"]!.GetValue<string>()),
            c => c!["assigned_agent_id"] is { } a ? Guid.Parse(a.GetValue<string>()) : (Guid?)null);
    }

    [Fact]
    public async Task Routing_is_manual_by_default()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, _) = await business.AddMemberAsync();
        await GoAsync(agent, "live");
        var conversation = await business.OpenConversationAsync();
        (await AssigneesAsync(business))[conversation].ShouldBeNull();
        (await business.Client.GetAsync("/api/v1/team/routing").ShouldAnswer(HttpStatusCode.OK))["mode"]!.GetValue<string>().ShouldBe("manual");
    }

    [Fact]
    public async Task A_new_conversation_goes_to_the_live_full_seat_agent_with_the_fewest_open()
    {
        var (business, agents) = await TeamAsync(3);
        var (busy, idle, away) = (agents[0].Account, agents[1].Account, agents[2].Account);
        await GoAsync(busy, "live");
        await business.OpenConversationAsync();           // busy takes it: the only one live
        await GoAsync(idle, "live");
        await GoAsync(away, "away");

        var next = await business.OpenConversationAsync();

        (await AssigneesAsync(business))[next].ShouldBe(idle.UserId);
        var assigned = app.Events.Of<ConversationAssigned>(business.Id).Single(e => e.ConversationId == next);
        assigned.AssignedBy.ShouldBe("routing");
        var audit = await business.Client.GetAsync("/api/v1/team/audit?page_size=50").ShouldAnswer(HttpStatusCode.OK);
        audit["items"]!.AsArray().ShouldContain(i => i!["action"]!.GetValue<string>() == "conversation.assigned"
            && i["target_id"]!.GetValue<string>() == next.ToString() && i["actor_id"] == null);
    }

    [Fact]
    public async Task A_manual_assignment_counts_as_recent_for_routing_s_tie_break()
    {
        var (business, agents) = await TeamAsync(2);
        var (first, second) = (agents[0].Account, agents[1].Account);
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { mode = "manual" }).ShouldAnswer(HttpStatusCode.OK);
        await GoAsync(first, "live");
        await GoAsync(second, "live");
        // By hand, the first-invited agent gets one and finishes it: both are back to no load.
        var handled = await business.OpenConversationAsync();
        await business.Client.PostAsync($"/api/v1/team/assign/{handled}?agent_id={first.UserId}", null).ShouldAnswer(HttpStatusCode.OK);
        await business.Client.PutAsync($"/api/v1/conversations/{handled}/resolve", null).ShouldAnswer(HttpStatusCode.OK);
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { mode = "auto" }).ShouldAnswer(HttpStatusCode.OK);

        var next = await business.OpenConversationAsync();

        // Equal load: the tie goes to whoever was assigned longest ago, and a manual assignment counts.
        (await AssigneesAsync(business))[next].ShouldBe(second.UserId);
    }

    [Fact]
    public async Task Conversations_wait_in_arrival_order_and_drain_when_someone_goes_live()
    {
        var (business, agents) = await TeamAsync(1, capacity: 2);
        var first = await business.OpenConversationAsync();
        var second = await business.OpenConversationAsync();
        var third = await business.OpenConversationAsync();
        (await AssigneesAsync(business)).Values.ShouldAllBe(a => a == null);
        (await business.Client.GetAsync("/api/v1/team/routing").ShouldAnswer(HttpStatusCode.OK))["queue_length"]!.GetValue<int>().ShouldBe(3);

        await GoAsync(agents[0].Account, "live");

        var assignees = await AssigneesAsync(business);
        assignees[first].ShouldBe(agents[0].Account.UserId);
        assignees[second].ShouldBe(agents[0].Account.UserId);
        assignees[third].ShouldBeNull();
        var routing = await business.Client.GetAsync("/api/v1/team/routing").ShouldAnswer(HttpStatusCode.OK);
        routing["queue_length"]!.GetValue<int>().ShouldBe(1);
        routing["agents"]!.AsArray().Single(a => a!["user_id"]!.GetValue<string>() == agents[0].Account.UserId.ToString())!
            ["load"]!.GetValue<int>().ShouldBe(2);

        // Resolving one frees capacity: the waiting one follows at once.
        await app.As(agents[0].Account.Token).PutAsync($"/api/v1/conversations/{first}/resolve", null).ShouldAnswer(HttpStatusCode.OK);
        (await AssigneesAsync(business))[third].ShouldBe(agents[0].Account.UserId);
    }

    [Fact]
    public async Task A_new_member_and_a_raised_capacity_drain_the_queue_too()
    {
        var (business, agents) = await TeamAsync(1, capacity: 1);
        await GoAsync(agents[0].Account, "live");
        await business.OpenConversationAsync();
        var waiting = await business.OpenConversationAsync();
        (await AssigneesAsync(business))[waiting].ShouldBeNull();

        await business.Client.PutAsJsonAsync($"/api/v1/team/members/{agents[0].MemberId}/capacity", new { capacity = 2 })
            .ShouldAnswer(HttpStatusCode.OK);

        (await AssigneesAsync(business))[waiting].ShouldBe(agents[0].Account.UserId);
    }

    [Fact]
    public async Task Lite_seats_are_never_chosen()
    {
        var (business, agents) = await TeamAsync(1);
        await GoAsync(agents[0].Account, "live");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
            (await db.Memberships.FindAsync(agents[0].MemberId))!.Seat = Seat.Lite;
            await db.SaveChangesAsync();
        }
        var conversation = await business.OpenConversationAsync();
        (await AssigneesAsync(business))[conversation].ShouldBeNull();
    }

    [Fact]
    public async Task A_burst_of_200_spreads_within_capacity_and_the_rest_waits()
    {
        var (business, agents) = await TeamAsync(3, capacity: 5);
        foreach (var (agent, _) in agents) await GoAsync(agent, "live");

        var created = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
        {
            using var client = app.As(business.Owner.Token);
            var response = await client.PostAsJsonAsync("/api/v1/conversations/", new { business_id = business.Id });
            return response.StatusCode;
        }));

        created.ShouldAllBe(s => s == HttpStatusCode.Created);
        var assignees = await AssigneesAsync(business);
        assignees.Count.ShouldBe(200);
        var loads = assignees.Values.Where(a => a != null).GroupBy(a => a).ToDictionary(g => g.Key!.Value, g => g.Count());
        loads.Count.ShouldBe(3);
        loads.Values.ShouldAllBe(l => l == 5);
        assignees.Values.Count(a => a == null).ShouldBe(185);
        app.Events.Of<ConversationAssigned>(business.Id).Select(e => e.ConversationId).Distinct().Count().ShouldBe(15);
    }

    [Fact]
    public async Task Routing_settings_are_the_owners_validated_and_answer_on_both_faces()
    {
        var (business, agents) = await TeamAsync(1);
        (await app.As(agents[0].Account.Token).PatchAsJsonAsync("/api/v1/team/routing", new { mode = "manual" })
            .ShouldAnswer(HttpStatusCode.Forbidden)).Detail().ShouldBe("Only the org owner can change routing");
        (await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { mode = "robin" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity))["detail"]![0]!["type"]!.GetValue<string>().ShouldBe("enum");
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { default_capacity = 0 }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await business.Client.PutAsJsonAsync($"/api/v1/team/members/{agents[0].MemberId}/capacity", new { capacity = -1 })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await business.Client.PutAsJsonAsync($"/api/v1/team/members/{Guid.NewGuid()}/capacity", new { capacity = 3 })
            .ShouldAnswer(HttpStatusCode.NotFound);

        var pipeback = await app.As(business.Owner.Token, business.Id)
            .PatchAsJsonAsync("/app/routing", new { reassign_after_minutes = 10 }).ShouldAnswer(HttpStatusCode.OK);
        pipeback["data"]!["reassign_after_minutes"]!.GetValue<int>().ShouldBe(10);
        pipeback["data"]!["mode"]!.GetValue<string>().ShouldBe("auto");
        var invalid = await app.As(business.Owner.Token, business.Id)
            .PatchAsJsonAsync("/app/routing", new { mode = "robin" }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        invalid["errors"]!["mode"]![0]!.GetValue<string>().ShouldBe("The selected mode is invalid.");
        (await app.As(business.Owner.Token, business.Id).PutAsJsonAsync($"/app/members/{agents[0].MemberId}/capacity", new { capacity = (int?)null })
            .ShouldAnswer(HttpStatusCode.OK))["data"]!["agents"]!.AsArray().ShouldContain(a => a!["capacity"]!.GetValue<int>() == 5);
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { reassign_after_minutes = (int?)null }).ShouldAnswer(HttpStatusCode.OK);
        (await business.Client.GetAsync("/api/v1/team/routing").ShouldAnswer(HttpStatusCode.OK))["reassign_after_minutes"].ShouldBeNull();
    }
}

public sealed class RoutingTestsOnSqlite(SqliteApp app) : RoutingTests(app), IClassFixture<SqliteApp>;

public sealed class RoutingTestsOnPostgres(PostgresApp app) : RoutingTests(app), IClassFixture<PostgresApp>;

/// <summary>Two nodes routing one workspace at once never exceed capacity nor assign a conversation twice.</summary>
public sealed class RoutingAcrossNodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task Two_nodes_routing_a_burst_at_once_stay_within_capacity_and_assign_each_conversation_once()
    {
        var business = await nodes.First.CreateBusinessAsync(plan: "pro");
        await business.Client.PatchAsJsonAsync("/api/v1/team/status", new { status = "offline" }).ShouldAnswer(HttpStatusCode.OK);
        var agents = new List<Account>();
        for (var i = 0; i < 3; i++) agents.Add((await business.AddMemberAsync()).Account);
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { mode = "auto", default_capacity = 4 }).ShouldAnswer(HttpStatusCode.OK);
        // Waiting work first, then everyone goes live on alternating nodes while more arrives on both.
        for (var i = 0; i < 10; i++) await business.OpenConversationAsync();
        var work = new List<Task<HttpResponseMessage>>();
        foreach (var (agent, i) in agents.Select((a, i) => (a, i)))
            work.Add((i % 2 == 0 ? nodes.First : nodes.Second).As(agent.Token).PatchAsJsonAsync("/api/v1/team/status", new { status = "live" }));
        for (var i = 0; i < 40; i++)
            work.Add((i % 2 == 0 ? nodes.First : nodes.Second).As(business.Owner.Token)
                .PostAsJsonAsync("/api/v1/conversations/", new { business_id = business.Id }));
        foreach (var response in await Task.WhenAll(work)) ((int)response.StatusCode).ShouldBeLessThan(300);
        await nodes.Second.As(business.Owner.Token).PatchAsJsonAsync("/api/v1/team/routing", new { default_capacity = 4 }).ShouldAnswer(HttpStatusCode.OK);

        var list = (await business.Client.GetAsync("/api/v1/conversations/").ShouldAnswer(HttpStatusCode.OK)).AsArray();
        var loads = list.Where(c => c!["assigned_agent_id"] != null)
            .GroupBy(c => c!["assigned_agent_id"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count());
        loads.Values.ShouldAllBe(l => l == 4);
        loads.Count.ShouldBe(3);
        var assignments = nodes.First.Events.Of<ConversationAssigned>(business.Id)
            .Concat(nodes.Second.Events.Of<ConversationAssigned>(business.Id)).ToList();
        assignments.Count.ShouldBe(12);
        assignments.Select(a => a.ConversationId).Distinct().Count().ShouldBe(12);
    }
}
