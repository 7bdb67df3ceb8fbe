using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Team;

/// <summary>
/// The read cache (Tenancy/WorkspaceCache) that spares warm requests the database: on the node that made a
/// change, the next request sees it at once; on another node, within a second of the cache's clock (moved
/// by the test, not waited for). Two nodes on one PostgreSQL database, no Redis.
/// </summary>
public sealed class ReadCacheTests(ReadCacheTests.Nodes nodes) : IClassFixture<ReadCacheTests.Nodes>
{
    public sealed class Nodes : IAsyncLifetime
    {
        public ManualClock Clock { get; } = new();
        public Node First { get; private set; } = null!;
        public Node Second { get; private set; } = null!;

        public ValueTask InitializeAsync()
        {
            First = new Node(Clock);
            _ = First.Server;
            Second = new Node(Clock, First.Database);
            _ = Second.Server;
            return ValueTask.CompletedTask;
        }

        public async ValueTask DisposeAsync()
        {
            await Second.DisposeAsync();
            await First.DisposeAsync();
        }
    }

    public sealed class Node : PostgresApp
    {
        private readonly ManualClock _clock;

        public Node(ManualClock clock) => _clock = clock;

        public Node(ManualClock clock, string database) : base(database, ownsDatabase: false) => _clock = clock;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock));
        }
    }

    private static async Task<List<string>> EmailsAsync(HttpClient client) =>
        (await client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray()
        .Select(m => m!["email"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task A_removal_is_seen_at_once_on_its_node_and_within_a_second_on_another()
    {
        var business = await nodes.First.CreateBusinessAsync(plan: "pro");
        var (agent, member) = await business.AddMemberAsync();
        var onFirst = nodes.First.As(business.Owner.Token);
        var onSecond = nodes.Second.As(business.Owner.Token);
        // Both nodes have read the list and the agent's caller (warm caches).
        (await EmailsAsync(onFirst)).ShouldContain(agent.Email);
        (await EmailsAsync(onSecond)).ShouldContain(agent.Email);
        await nodes.Second.As(agent.Token).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);

        await onFirst.DeleteAsync($"/api/v1/team/members/{member}").ShouldAnswer(HttpStatusCode.OK);

        // The node that made the change never shows the removed member again, nor lets them in.
        (await EmailsAsync(onFirst)).ShouldNotContain(agent.Email);
        await nodes.First.As(agent.Token).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.NotFound);
        // The other node, one second later by its cache's clock.
        nodes.Clock.Advance(TimeSpan.FromSeconds(1.01));
        (await EmailsAsync(onSecond)).ShouldNotContain(agent.Email);
        await nodes.Second.As(agent.Token).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_role_change_reaches_the_next_request_on_every_node_within_a_second()
    {
        var business = await nodes.First.CreateBusinessAsync(plan: "pro");
        var (admin, member) = await business.AddMemberAsync("admin");
        var asAdminOnSecond = nodes.Second.As(admin.Token);
        await asAdminOnSecond.GetAsync("/api/v1/team/audit").ShouldAnswer(HttpStatusCode.OK);

        await nodes.First.As(business.Owner.Token).PatchAsJsonAsync($"/api/v1/team/members/{member}", new { role = "agent" })
            .ShouldAnswer(HttpStatusCode.OK);

        await nodes.First.As(admin.Token).GetAsync("/api/v1/team/audit").ShouldAnswer(HttpStatusCode.Forbidden);
        nodes.Clock.Advance(TimeSpan.FromSeconds(1.01));
        await asAdminOnSecond.GetAsync("/api/v1/team/audit").ShouldAnswer(HttpStatusCode.Forbidden);
        (await nodes.Second.As(business.Owner.Token).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray()
            .Single(m => m!["email"]!.GetValue<string>() == admin.Email)!["role"]!.GetValue<string>().ShouldBe("agent");
    }

    [Fact]
    public async Task A_status_change_and_a_new_member_show_at_once_on_the_node_that_made_them()
    {
        var business = await nodes.First.CreateBusinessAsync(plan: "pro");
        var owner = nodes.First.As(business.Owner.Token);
        await EmailsAsync(owner);
        var (agent, _) = await business.AddMemberAsync();
        (await EmailsAsync(owner)).ShouldContain(agent.Email);
        await nodes.First.As(agent.Token).PatchAsJsonAsync("/api/v1/team/status", new { status = "live" }).ShouldAnswer(HttpStatusCode.OK);
        (await owner.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray()
            .Single(m => m!["email"]!.GetValue<string>() == agent.Email)!["status"]!.GetValue<string>().ShouldBe("live");
    }
}
