using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Domain;
using Switchboard.Realtime;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Realtime;

/// <summary>
/// Presence's grace on a fake clock: the member's sockets come and go through <see cref="Presence"/> (as the
/// Socket.IO connection handlers call it; HandshakeDropTests and the Node realtime suite cover that wiring over
/// real sockets), the test moves time to either side of the grace, and waits for what presence raised rather
/// than sleeping through a deadline. The same behaviours as the Node suite's presence tests, exactly at the
/// boundary.
/// </summary>
public abstract class PresenceTests<TApp>(TApp app) where TApp : SwitchboardApp, IClockedApp
{
    private Presence Presence => app.Services.GetRequiredService<Presence>();

    private TimeSpan Grace => TimeSpan.FromSeconds(app.Services.GetRequiredService<IOptions<RealtimeOptions>>().Value.PresenceGraceSeconds);

    private async Task<(Business Business, Account Agent)> LiveAgentAsync(bool autoOffline = true)
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, _) = await business.AddMemberAsync();
        if (!autoOffline)
            await business.Client.PatchAsJsonAsync("/api/v1/team/settings", new { auto_offline = false }).ShouldAnswer(HttpStatusCode.OK);
        await app.As(agent.Token, business.Id).PatchAsJsonAsync("/api/v1/team/status", new { status = "live" }).ShouldAnswer(HttpStatusCode.OK);
        return (business, agent);
    }

    private static async Task<string> StatusAsync(Business business, Account agent)
    {
        var members = (await business.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray();
        return members.Single(m => m!["user_id"]!.GetValue<string>() == agent.UserId.ToString())!["status"]!.GetValue<string>();
    }

    private IEnumerable<AgentStatusChanged> WentOffline(Business business, Account agent) =>
        app.Finally.Of<AgentStatusChanged>(business.Id).Where(e => e.UserId == agent.UserId && e.Status == AgentStatus.Offline);

    [Fact]
    public async Task A_member_whose_last_socket_is_gone_for_the_grace_becomes_offline_once_and_reconnecting_does_not_flip_it_back()
    {
        var (business, agent) = await LiveAgentAsync();
        Presence.Connected(business.Id, agent.UserId);
        Presence.Connected(business.Id, agent.UserId);

        // One socket is still open: no grace runs, however long.
        Presence.Disconnected(business.Id, agent.UserId);
        app.Time.Advance(Grace * 3);
        (await StatusAsync(business, agent)).ShouldBe("live");

        // The last one goes: live until the grace is over, offline when it is.
        Presence.Disconnected(business.Id, agent.UserId);
        app.Time.Advance(Grace - TimeSpan.FromMilliseconds(1));
        (await StatusAsync(business, agent)).ShouldBe("live");
        app.Time.Advance(TimeSpan.FromMilliseconds(1));
        await Polling.ForAsync(() => WentOffline(business, agent).FirstOrDefault(), "presence to mark the member offline");
        (await StatusAsync(business, agent)).ShouldBe("offline");

        // Coming back does not flip the member's status; the grace never fires twice for one departure.
        Presence.Connected(business.Id, agent.UserId);
        app.Time.Advance(Grace * 3);
        (await StatusAsync(business, agent)).ShouldBe("offline");
        WentOffline(business, agent).Count().ShouldBe(1);
    }

    [Fact]
    public async Task A_socket_back_within_the_grace_keeps_the_member_online()
    {
        var (business, agent) = await LiveAgentAsync();
        Presence.Connected(business.Id, agent.UserId);
        Presence.Disconnected(business.Id, agent.UserId);
        app.Time.Advance(Grace - TimeSpan.FromMilliseconds(1));
        Presence.Connected(business.Id, agent.UserId);
        app.Time.Advance(Grace * 3);

        (await StatusAsync(business, agent)).ShouldBe("live");
        app.Finally.Of<PresenceLost>(business.Id).ShouldNotContain(e => e.UserId == agent.UserId);
    }

    [Fact]
    public async Task With_auto_offline_off_the_members_status_stands_after_the_grace()
    {
        var (business, agent) = await LiveAgentAsync(autoOffline: false);
        Presence.Connected(business.Id, agent.UserId);
        Presence.Disconnected(business.Id, agent.UserId);
        app.Time.Advance(Grace);

        // Presence reported the loss and every handler has had it: the setting kept the status.
        await Polling.ForAsync(() => app.Finally.Of<PresenceLost>(business.Id).FirstOrDefault(e => e.UserId == agent.UserId),
            "presence to report the member gone");
        (await StatusAsync(business, agent)).ShouldBe("live");
        WentOffline(business, agent).ShouldBeEmpty();
    }
}

public sealed class PresenceTestsOnSqlite(ClockedSqliteApp app) : PresenceTests<ClockedSqliteApp>(app), IClassFixture<ClockedSqliteApp>;

public sealed class PresenceTestsOnPostgres(ClockedPostgresApp app) : PresenceTests<ClockedPostgresApp>(app), IClassFixture<ClockedPostgresApp>;
