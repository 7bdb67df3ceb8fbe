using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Realtime;
using Switchboard.SocketIO;
using Switchboard.Tests.Accounts;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Realtime;

namespace Switchboard.Tests.Lifecycle;

/// <summary>
/// Over a real socket: turning a two-factor policy on closes the open socket of a member it covers who has no
/// second factor (they hear why first), a new connection is refused with the words and the flag of the REST
/// refusal, and enrolling lets the next connection in.
/// </summary>
public abstract class TwoFactorPolicySocketTests<TApp>(TApp app) where TApp : SwitchboardApp, IRealtimeTestApp
{
    private SocketIOServer IO => app.Services.GetRequiredService<SocketIOServer>();

    [Fact]
    public async Task A_non_compliant_members_socket_is_closed_when_the_policy_turns_on_and_refused_until_they_enrol()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (agent, _) = await business.AddMemberAsync();
        using var ws = await ConnectAsync(agent.Token, business.Id);
        (await ReceiveAsync(ws, TimeSpan.FromSeconds(15))).ShouldStartWith("40{\"sid\"");

        await TwoFactorPolicySteps.EnrolAsync(app, business.Owner, app.Time);
        await business.Client.PatchAsJsonAsync("/api/v1/team/settings", new { require_two_factor = "everyone" }).ShouldAnswer(HttpStatusCode.OK);

        // Handlers run before the answer is sent: the agent's sockets have left the workspace already.
        (await IO.In(Rooms.Member(business.Id, agent.UserId)).FetchSocketsAsync()).ShouldBeEmpty();
        var heard = new List<string>();
        using (var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            while (!heard.Any(m => m is "41" or "close"))
                heard.Add(await ReceiveAsync(ws, bound.Token));
        }
        heard.ShouldContain(m => m.StartsWith("42[\"two_factor_setup_required\"", StringComparison.Ordinal));

        using var again = await ConnectAsync(agent.Token, business.Id);
        var refused = await ReceiveAsync(again, TimeSpan.FromSeconds(15));
        refused.ShouldStartWith("44{");
        refused.ShouldContain("Set up a second factor in Account settings");
        refused.ShouldContain("\"two_factor_setup_required\":true");

        await TwoFactorPolicySteps.EnrolAsync(app, agent, app.Time);
        using var back = await ConnectAsync(agent.Token, business.Id);
        (await ReceiveAsync(back, TimeSpan.FromSeconds(15))).ShouldStartWith("40{\"sid\"");
    }

    private async Task<ClientWebSocket> ConnectAsync(string token, Guid businessId)
    {
        var uri = new UriBuilder(app.Address) { Scheme = "ws", Path = "/socket.io/", Query = "EIO=4&transport=websocket" }.Uri;
        var ws = new ClientWebSocket();
        ws.Options.KeepAliveInterval = TimeSpan.Zero;
        await ws.ConnectAsync(uri, CancellationToken.None);
        (await ReceiveAsync(ws, TimeSpan.FromSeconds(15))).ShouldStartWith("0{");
        var auth = JsonSerializer.Serialize(new { token, business_id = businessId });
        await ws.SendAsync(Encoding.UTF8.GetBytes("40" + auth), WebSocketMessageType.Text, true, CancellationToken.None);
        return ws;
    }

    private static async Task<string> ReceiveAsync(ClientWebSocket ws, TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        return await ReceiveAsync(ws, timeout.Token);
    }

    private static async Task<string> ReceiveAsync(ClientWebSocket ws, CancellationToken cancel)
    {
        using var message = new MemoryStream();
        var buffer = new byte[4096];
        while (true)
        {
            var result = await ws.ReceiveAsync(buffer, cancel);
            if (result.MessageType == WebSocketMessageType.Close) return "close";
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return Encoding.UTF8.GetString(message.ToArray());
        }
    }
}

public sealed class TwoFactorPolicySocketTestsOnSqlite(RealtimeSqliteApp app) : TwoFactorPolicySocketTests<RealtimeSqliteApp>(app), IClassFixture<RealtimeSqliteApp>;

public sealed class TwoFactorPolicySocketTestsOnPostgres(RealtimePostgresApp app) : TwoFactorPolicySocketTests<RealtimePostgresApp>(app), IClassFixture<RealtimePostgresApp>;
