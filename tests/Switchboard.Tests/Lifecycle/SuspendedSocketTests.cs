using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Realtime;
using Switchboard.SocketIO;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Realtime;

namespace Switchboard.Tests.Lifecycle;

/// <summary>
/// Over a real socket: suspending a member closes their open socket of that workspace at once — the server
/// has let go of it before the suspend answer leaves, the client hears member_suspended and then the
/// disconnect — and a new connection to the workspace is refused; restoring lets it in again.
/// </summary>
public abstract class SuspendedSocketTests<TApp>(TApp app) where TApp : SwitchboardApp, IRealtimeTestApp
{
    private SocketIOServer IO => app.Services.GetRequiredService<SocketIOServer>();

    [Fact]
    public async Task A_suspended_members_socket_is_closed_before_the_answer_and_cannot_reconnect_until_restored()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, member) = await business.AddMemberAsync();
        using var ws = await ConnectAsync(agent.Token, business.Id);
        (await ReceiveAsync(ws, TimeSpan.FromSeconds(15))).ShouldStartWith("40{\"sid\"");
        (await IO.In(Rooms.Member(business.Id, agent.UserId)).FetchSocketsAsync()).Count.ShouldBe(1);

        await business.SuspendAsync(member);

        // Handlers run before the answer is sent: nothing of the member is left in the workspace's rooms.
        (await IO.In(Rooms.Business(business.Id)).FetchSocketsAsync())
            .Where(s => s.Data.TryGetValue(SocketAuthentication.UserKey, out var user) && user is Guid id && id == agent.UserId)
            .ShouldBeEmpty();
        (await IO.In(Rooms.Member(business.Id, agent.UserId)).FetchSocketsAsync()).ShouldBeEmpty();
        var heard = new List<string>();
        // The server let go of the socket before answering (above); what is left is the client hearing it. The bound
        // only keeps a broken build from hanging: no timing is asserted.
        using (var bound = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            while (!heard.Any(m => m is "41" or "close"))
                heard.Add(await ReceiveAsync(ws, bound.Token));
        }
        heard.ShouldContain(m => m.StartsWith("42[\"member_suspended\"", StringComparison.Ordinal));

        using var again = await ConnectAsync(agent.Token, business.Id);
        (await ReceiveAsync(again, TimeSpan.FromSeconds(15))).ShouldStartWith("44{");

        await business.RestoreAsync(member);
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

public sealed class SuspendedSocketTestsOnSqlite(RealtimeSqliteApp app) : SuspendedSocketTests<RealtimeSqliteApp>(app), IClassFixture<RealtimeSqliteApp>;

public sealed class SuspendedSocketTestsOnPostgres(RealtimePostgresApp app) : SuspendedSocketTests<RealtimePostgresApp>(app), IClassFixture<RealtimePostgresApp>;
