using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Routing;

/// <summary>
/// GET /api/v1/team/supervisor (queue, longest wait, status with time in it, load) and the audit trail's
/// action and actor filters, which the dashboard's supervisor and audit pages read.
/// </summary>
public abstract class SupervisorAndAuditTests(SwitchboardApp app)
{
    [Fact]
    public async Task The_supervisor_view_shows_the_queue_the_oldest_wait_and_each_members_status_since_and_load()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (agent, agentMember) = await business.AddMemberAsync();
        var empty = await business.Client.GetAsync("/api/v1/team/supervisor").ShouldAnswer(HttpStatusCode.OK);
        empty["queue_length"]!.GetValue<int>().ShouldBe(0);
        empty["longest_waiting_since"].ShouldBeNull();

        var first = await business.OpenConversationAsync();
        var second = await business.OpenConversationAsync();
        await business.Client.PostAsync($"/api/v1/team/assign/{second}?agent_id={agent.UserId}", null).ShouldAnswer(HttpStatusCode.OK);
        (await app.As(agent.Token).PatchAsJsonAsync("/api/v1/team/status", new { status = "away" })).EnsureSuccessStatusCode();

        var view = await business.Client.GetAsync("/api/v1/team/supervisor").ShouldAnswer(HttpStatusCode.OK);
        view["queue_length"]!.GetValue<int>().ShouldBe(1);
        var conversation = await business.Client.GetAsync($"/api/v1/conversations/{first}").ShouldAnswer(HttpStatusCode.OK);
        view["longest_waiting_since"]!.GetValue<string>().ShouldBe(conversation["created_at"]!.GetValue<string>());
        var row = view["agents"]!.AsArray().Single(a => a!["member_id"]!.GetValue<string>() == agentMember.ToString())!;
        row["status"]!.GetValue<string>().ShouldBe("away");
        row["load"]!.GetValue<int>().ShouldBe(1);
        row["name"]!.GetValue<string>().ShouldBe("Alex Agent");
        // Since the status change (the newest status.changed entry), not since joining.
        var audit = await business.Client.GetAsync("/api/v1/team/audit?action=status.changed").ShouldAnswer(HttpStatusCode.OK);
        var changedAt = audit["items"]!.AsArray().First(i => i!["target_id"]!.GetValue<string>() == agentMember.ToString())!["created_at"]!.GetValue<string>();
        row["status_since"]!.GetValue<string>().ShouldBe(changedAt);

        // Agents may not supervise; another workspace's owner sees only their own.
        (await app.As(agent.Token).GetAsync("/api/v1/team/supervisor").ShouldAnswer(HttpStatusCode.Forbidden))
            .Detail().ShouldBe("Only the org owner or admins can supervise the queue");
        var other = await app.CreateBusinessAsync();
        var theirs = await other.Client.GetAsync("/api/v1/team/supervisor").ShouldAnswer(HttpStatusCode.OK);
        theirs["queue_length"]!.GetValue<int>().ShouldBe(0);
        theirs["agents"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_audit_trail_filters_by_action_and_by_who_acted_and_names_the_actor()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (agent, _) = await business.AddMemberAsync();
        (await app.As(agent.Token).PatchAsJsonAsync("/api/v1/team/status", new { status = "live" })).EnsureSuccessStatusCode();
        (await business.Client.PatchAsJsonAsync("/api/v1/team/settings", new { auto_offline = false })).EnsureSuccessStatusCode();

        var byAgent = await business.Client.GetAsync($"/api/v1/team/audit?actor_id={agent.UserId}").ShouldAnswer(HttpStatusCode.OK);
        byAgent["items"]!.AsArray().Select(i => i!["action"]!.GetValue<string>()).ShouldBe(["status.changed"]);
        byAgent["items"]![0]!["actor_name"]!.GetValue<string>().ShouldBe("Alex Agent");
        byAgent["total"]!.GetValue<int>().ShouldBe(1);

        var settings = await business.Client.GetAsync("/api/v1/team/audit?action=settings.changed").ShouldAnswer(HttpStatusCode.OK);
        settings["items"]!.AsArray().Count.ShouldBe(1);
        settings["items"]![0]!["actor_id"]!.GetValue<string>().ShouldBe(business.Owner.UserId.ToString());
        settings["items"]![0]!["actor_name"]!.GetValue<string>().ShouldBe("Olivia Owner");

        var both = await business.Client.GetAsync($"/api/v1/team/audit?action=settings.changed&actor_id={agent.UserId}").ShouldAnswer(HttpStatusCode.OK);
        both["total"]!.GetValue<int>().ShouldBe(0);
        (await business.Client.GetAsync("/api/v1/team/audit?actor_id=nope").ShouldAnswer(HttpStatusCode.UnprocessableEntity))
            ["detail"]![0]!["loc"]![1]!.GetValue<string>().ShouldBe("actor_id");
        (await business.Client.GetAsync($"/api/v1/team/audit?action={new string('a', 65)}").ShouldAnswer(HttpStatusCode.UnprocessableEntity))
            ["detail"]![0]!["loc"]![1]!.GetValue<string>().ShouldBe("action");
    }
}

public sealed class SupervisorAndAuditTestsOnSqlite(SqliteApp app) : SupervisorAndAuditTests(app), IClassFixture<SqliteApp>;

public sealed class SupervisorAndAuditTestsOnPostgres(PostgresApp app) : SupervisorAndAuditTests(app), IClassFixture<PostgresApp>;
