using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Switchboard.Tests.AccountLifecycle;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Realtime;

namespace Switchboard.Tests.Routing;

/// <summary>
/// team_updated over real HTTP and Socket.IO: every team write tells the workspace's managers which team changed and
/// how, and nobody else — not its agents, not another workspace's sockets.
/// </summary>
public abstract class TeamEventsTests<TApp>(TApp app) where TApp : SwitchboardApp, IRealtimeTestApp
{
    private static Guid IdOf(JsonNode node) => Guid.Parse(node["id"]!.GetValue<string>());

    [Fact]
    public async Task Each_team_write_reaches_the_managers_sockets_only_with_the_team_id_and_the_change()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (admin, _) = await business.AddMemberAsync("admin");
        var (agent, agentMember) = await business.AddMemberAsync();
        var other = await app.CreateBusinessAsync(plan: "pro");
        using var adminSocket = await RawSocket.ConnectAsync(app, admin.Token, business.Id);
        using var agentSocket = await RawSocket.ConnectAsync(app, agent.Token, business.Id);
        using var otherSocket = await RawSocket.ConnectAsync(app, other.Owner.Token, other.Id);
        var owner = business.Client;

        var team = IdOf(await owner.PostAsJsonAsync("/api/v1/team/teams", new { name = "Billing" }).ShouldAnswer(HttpStatusCode.Created));
        // The same name again, an idempotent add and a refused write change nothing, so they tell nobody.
        await owner.PatchAsJsonAsync($"/api/v1/team/teams/{team}", new { name = "Billing" }).ShouldAnswer(HttpStatusCode.OK);
        await owner.PatchAsJsonAsync($"/api/v1/team/teams/{team}", new { name = "Payments" }).ShouldAnswer(HttpStatusCode.OK);
        await owner.PutAsync($"/api/v1/team/teams/{team}/members/{agentMember}", null).ShouldAnswer(HttpStatusCode.OK);
        await owner.PutAsync($"/api/v1/team/teams/{team}/members/{agentMember}", null).ShouldAnswer(HttpStatusCode.OK);
        await app.As(agent.Token).PatchAsJsonAsync($"/api/v1/team/teams/{team}", new { name = "Mine" }).ShouldAnswer(HttpStatusCode.Forbidden);
        await owner.DeleteAsync($"/api/v1/team/teams/{team}/members/{agentMember}").ShouldAnswer(HttpStatusCode.OK);
        await owner.PutAsJsonAsync($"/api/v1/team/teams/{team}/hours",
            new { timezone = "Europe/Berlin", weekly = new[] { new { day = "mon", from = "09:00", to = "17:00" } } }).ShouldAnswer(HttpStatusCode.OK);
        await owner.DeleteAsync($"/api/v1/team/teams/{team}/hours").ShouldAnswer(HttpStatusCode.OK);
        await owner.DeleteAsync($"/api/v1/team/teams/{team}").ShouldAnswer(HttpStatusCode.OK);

        // A business-wide event after the writes: whatever a socket heard before it, it heard of the writes.
        await owner.PatchAsJsonAsync("/api/v1/team/status", new { status = "away" }).ShouldAnswer(HttpStatusCode.OK);
        await app.As(other.Owner.Token).PatchAsJsonAsync("/api/v1/team/status", new { status = "away" }).ShouldAnswer(HttpStatusCode.OK);

        var heard = TeamEvents(await HeardUntilAsync(adminSocket, "agent_status_changed"));
        heard.Select(e => e["change"]!.GetValue<string>()).ShouldBe(["created", "renamed", "members", "members", "hours", "hours", "deleted"]);
        foreach (var payload in heard)
        {
            Guid.Parse(payload["team_id"]!.GetValue<string>()).ShouldBe(team);
            payload.AsObject().Select(p => p.Key).Order().ShouldBe(["change", "team_id"]);   // ids only, no names
        }
        TeamEvents(await HeardUntilAsync(agentSocket, "agent_status_changed")).ShouldBeEmpty();
        TeamEvents(await HeardUntilAsync(otherSocket, "agent_status_changed")).ShouldBeEmpty();
    }

    /// <summary>The payloads of the team_updated frames among those heard ("42[name, payload, offset]").</summary>
    private static List<JsonNode> TeamEvents(List<string> frames) =>
        frames.Where(f => f.StartsWith("42[\"team_updated\"", StringComparison.Ordinal))
            .Select(f => JsonNode.Parse(f[2..])!.AsArray()[1]!).ToList();

    /// <summary>Frames until one carries the event (pings answered); bounded only so a broken test cannot hang.</summary>
    private static async Task<List<string>> HeardUntilAsync(ClientWebSocket socket, string eventName)
    {
        var heard = new List<string>();
        while (true)
        {
            var frame = await RawSocket.ReceiveAsync(socket, TimeSpan.FromSeconds(15));
            heard.Add(frame);
            if (frame == "2") await socket.SendAsync("3"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
            if (frame.StartsWith($"42[\"{eventName}\"", StringComparison.Ordinal)) return heard;
        }
    }
}

public sealed class TeamEventsTestsOnSqlite(RealtimeSqliteApp app)
    : TeamEventsTests<RealtimeSqliteApp>(app), IClassFixture<RealtimeSqliteApp>;

public sealed class TeamEventsTestsOnPostgres(RealtimePostgresApp app)
    : TeamEventsTests<RealtimePostgresApp>(app), IClassFixture<RealtimePostgresApp>;
