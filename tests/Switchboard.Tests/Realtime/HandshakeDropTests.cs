using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Realtime;
using Switchboard.SocketIO;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Realtime;

/// <summary>
/// Sockets whose client goes away while the authentication middleware awaits (token lookup, workspace) must
/// leave nothing behind: no room entry in the adapter, no socket counted by presence. Otherwise a member who
/// closed every tab would stay "live" for ever. Real Kestrel and raw Engine.IO WebSockets, fake time for the
/// presence grace.
/// </summary>
public abstract class HandshakeDropTests<TApp>(TApp app) where TApp : SwitchboardApp, IRealtimeTestApp
{
    private const int Held = 40;
    private const int Dropped = 120;

    private SocketIOServer IO => app.Services.GetRequiredService<SocketIOServer>();

    [Fact]
    public async Task Connects_dropped_mid_handshake_leave_no_room_entry_and_presence_goes_offline_after_the_grace()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, memberId) = await business.AddMemberAsync();
        var asAgent = app.As(agent.Token, business.Id);
        (await asAgent.PatchAsJsonAsync("/api/v1/team/status", new { status = "live" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var memberRooms = new[] { Rooms.User(agent.UserId), Rooms.Business(business.Id), Rooms.Member(business.Id, agent.UserId) };

        // After the authentication middleware (which has joined the member's rooms by then), hold the
        // CONNECTs that ask for it until the test lets them go.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var heldArrived = 0;
        var heldFinished = 0;
        IO.Use(async (socket, next) =>
        {
            if (!socket.Handshake.Auth.TryGetProperty("hold", out _))
            {
                await next();
                return;
            }

            Interlocked.Increment(ref heldArrived);
            try
            {
                await gate.Task;
                await next();
            }
            finally
            {
                Interlocked.Increment(ref heldFinished);
            }
        });

        // The member's own tab.
        using var tab = await ConnectAsync(agent.Token, business.Id);
        (await tab.ReceiveTextAsync()).ShouldStartWith("40{\"sid\"");

        // 1. CONNECTs held after authentication whose clients drop meanwhile.
        var held = new List<ClientWebSocket>();
        for (var i = 0; i < Held; i++)
            held.Add(await ConnectAsync(agent.Token, business.Id, hold: true));
        await Polling.UntilAsync(() => Task.FromResult(Volatile.Read(ref heldArrived) == Held), "held connects to reach the gate");
        foreach (var ws in held) ws.Abort();
        await Polling.UntilAsync(() => Task.FromResult(IO.Engine.ClientsCount == 1), "the dropped sessions to close");
        gate.SetResult();
        await Polling.UntilAsync(() => Task.FromResult(Volatile.Read(ref heldFinished) == Held), "held connects to finish");

        // 2. CONNECTs dropped at every point of the authentication's own awaits.
        await Parallel.ForAsync(0, Dropped, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var ws = await ConnectAsync(agent.Token, business.Id);
            if (i % 3 != 0) await Task.Delay(i % 7);
            ws.Abort();
            ws.Dispose();
        });
        foreach (var ws in held) ws.Dispose();
        await Polling.UntilAsync(() => Task.FromResult(IO.Engine.ClientsCount == 1), "the dropped sessions to close");

        // Only the tab is in the member's rooms: one socket, one room entry each.
        var adapter = (InMemoryAdapter)IO.Sockets.Adapter;
        await Polling.UntilAsync(() => Task.FromResult(SocketsOf(agent.UserId).Count == 1), "only the tab to be connected");
        var tabSocket = SocketsOf(agent.UserId).Single();
        foreach (var room in memberRooms)
            (await IO.In(room).FetchSocketsAsync()).ShouldBe([tabSocket]);
        adapter.Rooms.Count(r => r.StartsWith("token_", StringComparison.Ordinal)).ShouldBe(1);

        // The tab closes: no room entry remains, and after the grace the member is offline.
        await tab.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        await Polling.UntilAsync(() => Task.FromResult(IO.Engine.ClientsCount == 0 && SocketsOf(agent.UserId).Count == 0), "the tab to disconnect");
        adapter.Rooms.Intersect(memberRooms).ShouldBeEmpty();
        adapter.Rooms.ShouldNotContain(r => r.StartsWith("token_", StringComparison.Ordinal));

        var statusBefore = await StatusAsync(business, memberId);
        statusBefore.ShouldBe("live");
        // Advance the fake clock past the grace until presence has acted (its timer starts on the disconnect).
        await Polling.UntilAsync(async () =>
        {
            app.Time.Advance(TimeSpan.FromSeconds(61));
            return await StatusAsync(business, memberId) == "offline";
        }, "presence to mark the member offline");
    }

    private List<Socket> SocketsOf(Guid userId) =>
        [.. IO.Sockets.Sockets.Values.Where(s => s.Data.TryGetValue(SocketAuthentication.UserKey, out var user) && user is Guid id && id == userId)];

    private async Task<ClientWebSocket> ConnectAsync(string token, Guid businessId, bool hold = false)
    {
        var uri = new UriBuilder(app.Address) { Scheme = "ws", Path = "/socket.io/", Query = "EIO=4&transport=websocket" }.Uri;
        var ws = new ClientWebSocket();
        ws.Options.KeepAliveInterval = TimeSpan.Zero;
        await ws.ConnectAsync(uri, CancellationToken.None);
        (await ws.ReceiveTextAsync()).ShouldStartWith("0{");
        var auth = hold
            ? JsonSerializer.Serialize(new { token, business_id = businessId, hold = true })
            : JsonSerializer.Serialize(new { token, business_id = businessId });
        await ws.SendAsync(Encoding.UTF8.GetBytes("40" + auth), WebSocketMessageType.Text, true, CancellationToken.None);
        return ws;
    }

    private static async Task<string> StatusAsync(Business business, Guid memberId)
    {
        var members = (await business.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray();
        return members.Single(m => m!["id"]!.GetValue<string>() == memberId.ToString())!["status"]!.GetValue<string>();
    }
}

/// <summary>A service under test reachable over a real socket, with a clock the test moves.</summary>
public interface IRealtimeTestApp
{
    Uri Address { get; }

    FakeTimeProvider Time { get; }
}

public sealed class RealtimeSqliteApp : SqliteApp, IRealtimeTestApp
{
    public Uri Address { get; private set; } = null!;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    public override ValueTask InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        Address = ClientOptions.BaseAddress;
        return ValueTask.CompletedTask;
    }
}

public sealed class RealtimePostgresApp : PostgresApp, IRealtimeTestApp
{
    public Uri Address { get; private set; } = null!;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    public override ValueTask InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        Address = ClientOptions.BaseAddress;
        return ValueTask.CompletedTask;
    }
}

internal static class RawEngineIO
{
    public static async Task<string> ReceiveTextAsync(this ClientWebSocket ws)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var message = new MemoryStream();
        var buffer = new byte[4096];
        while (true)
        {
            var result = await ws.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return Encoding.UTF8.GetString(message.ToArray());
        }
    }
}

public sealed class HandshakeDropTestsOnSqlite(RealtimeSqliteApp app) : HandshakeDropTests<RealtimeSqliteApp>(app), IClassFixture<RealtimeSqliteApp>;

public sealed class HandshakeDropTestsOnPostgres(RealtimePostgresApp app) : HandshakeDropTests<RealtimePostgresApp>(app), IClassFixture<RealtimePostgresApp>;
