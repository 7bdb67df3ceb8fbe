using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Team;

/// <summary>
/// The read cache learns of writes from the database context (Tenancy/CacheInvalidationInterceptor), not from
/// events a use case remembered to raise, and tells the other node. Two nodes on one PostgreSQL and one Redis with a
/// cache lifetime of an hour: a fresh read on the second node can only come from the invalidation it was sent.
/// Each write below is followed, on both nodes, by the cached read that shows it (callers, members lists on both
/// faces, billing, routing), all warmed first.
/// </summary>
public sealed class CacheAcrossNodesTests(CacheAcrossNodesTests.Nodes nodes) : IClassFixture<CacheAcrossNodesTests.Nodes>
{
    /// <summary>The cluster of <see cref="RedisNodes"/>, with a cache lifetime of an hour.</summary>
    public sealed class Nodes : RedisNodes
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Cache:Seconds", "3600")];
    }

    private IEnumerable<(string Name, SwitchboardApp App)> Both => [("first", nodes.First), ("second", nodes.Second)];

    /// <summary>Warms <paramref name="read"/> on both nodes, runs <paramref name="write"/> on the first, then waits on each node for the read to show it.</summary>
    private async Task SeenOnBothAsync(string token, string path, Func<Task> write, Func<JsonNode, bool> shows, string what,
        Guid? workspace = null)
    {
        foreach (var (_, app) in Both)
            shows(await app.As(token, workspace).GetAsync(path).ShouldAnswer(HttpStatusCode.OK)).ShouldBeFalse($"before: {what}");
        await write();
        // The writing node at once; the other a Redis hop later (its own cache would keep the old read for an hour).
        shows(await nodes.First.As(token, workspace).GetAsync(path).ShouldAnswer(HttpStatusCode.OK)).ShouldBeTrue($"first node: {what}");
        await Polling.UntilAsync(async () => shows(await nodes.Second.As(token, workspace).GetAsync(path).ShouldAnswer(HttpStatusCode.OK)),
            $"second node: {what}");
    }

    private static JsonNode? Member(JsonNode list, string email) =>
        list.AsArray().SingleOrDefault(m => m!["email"]!.GetValue<string>() == email);

    [Fact]
    public async Task A_new_member_a_role_a_status_a_name_and_a_removal_reach_both_nodes_members_lists()
    {
        var business = await nodes.First.CreateBusinessAsync(plan: "pro");
        var owner = business.Owner.Token;
        const string members = "/api/v1/team/members";
        Account agent = null!;
        var member = Guid.Empty;
        await SeenOnBothAsync(owner, members, async () => (agent, member) = await business.AddMemberAsync(),
            list => list.AsArray().Count == 2, "the new member");

        await SeenOnBothAsync(owner, members,
            () => nodes.First.As(owner).PatchAsJsonAsync($"{members}/{member}", new { role = "admin" }).ShouldAnswer(HttpStatusCode.OK),
            list => Member(list, agent.Email)!["role"]!.GetValue<string>() == "admin", "the new role");

        await SeenOnBothAsync(owner, members,
            () => nodes.First.As(agent.Token).PatchAsJsonAsync("/api/v1/team/status", new { status = "away" }).ShouldAnswer(HttpStatusCode.OK),
            list => Member(list, agent.Email)!["status"]!.GetValue<string>() == "away", "the new status");

        // A bulk statement (ExecuteUpdate on users): no tracked row, no workspace named.
        await SeenOnBothAsync(owner, members,
            () => nodes.First.As(agent.Token).PatchAsJsonAsync("/api/v1/auth/me", new { full_name = "Renamed Agent" }).ShouldAnswer(HttpStatusCode.OK),
            list => Member(list, agent.Email)!["name"]!.GetValue<string>() == "Renamed Agent", "the new name");

        // The Pipeback face's list is its own entry.
        await SeenOnBothAsync(owner, "/app/members",
            () => nodes.First.As(owner).PostAsync($"{members}/{member}/suspend", null).ShouldAnswer(HttpStatusCode.OK),
            body => body["data"]!.AsArray().Single(m => m!["email"]!.GetValue<string>() == agent.Email)!["is_active"]!.GetValue<bool>() == false,
            "the suspension on the Pipeback face", business.Id);

        await SeenOnBothAsync(owner, members,
            () => nodes.First.As(owner).DeleteAsync($"{members}/{member}").ShouldAnswer(HttpStatusCode.OK),
            list => Member(list, agent.Email) is null, "the removal");
    }

    [Fact]
    public async Task A_role_taken_away_on_one_node_ends_the_callers_right_on_the_other()
    {
        var business = await nodes.First.CreateBusinessAsync(plan: "pro");
        var (admin, member) = await business.AddMemberAsync("admin");
        foreach (var (_, app) in Both) await app.As(admin.Token).GetAsync("/api/v1/team/audit").ShouldAnswer(HttpStatusCode.OK);

        await nodes.First.As(business.Owner.Token).PatchAsJsonAsync($"/api/v1/team/members/{member}", new { role = "agent" })
            .ShouldAnswer(HttpStatusCode.OK);

        await nodes.First.As(admin.Token).GetAsync("/api/v1/team/audit").ShouldAnswer(HttpStatusCode.Forbidden);
        await Polling.UntilAsync(async () =>
            (await nodes.Second.As(admin.Token).GetAsync("/api/v1/team/audit")).StatusCode == HttpStatusCode.Forbidden,
            "the second node refusing the former admin");
    }

    [Fact]
    public async Task A_plan_change_and_routing_settings_reach_both_nodes_reads()
    {
        var business = await nodes.First.CreateBusinessAsync(plan: "pro");
        var owner = business.Owner.Token;
        await SeenOnBothAsync(owner, "/api/v1/billing",
            () => nodes.First.As(owner).PutAsJsonAsync("/api/v1/billing/plan", new { plan = "mini" }).ShouldAnswer(HttpStatusCode.OK),
            view => view["plan"]!.GetValue<string>() == "mini", "the new plan");
        await SeenOnBothAsync(owner, "/api/v1/team/routing",
            () => nodes.First.As(owner).PatchAsJsonAsync("/api/v1/team/routing", new { default_capacity = 7 }).ShouldAnswer(HttpStatusCode.OK),
            view => view["default_capacity"]!.GetValue<int>() == 7, "the new default capacity");
    }
}
