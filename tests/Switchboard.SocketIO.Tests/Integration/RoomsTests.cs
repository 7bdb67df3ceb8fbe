using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Integration;

public class RoomsTests
{
    private static async Task<(RawWebSocket Ws, Socket Socket)> ConnectAsync(TestServer server)
    {
        var before = server.IO.Sockets.Sockets.Keys.ToHashSet();
        var (ws, ack) = await RawWebSocket.ConnectSocketIOAsync(server);
        var id = System.Text.Json.JsonDocument.Parse(ack[2..]).RootElement.GetProperty("sid").GetString()!;
        before.Contains(id).ShouldBeFalse();
        return (ws, server.IO.Sockets.Sockets[id]);
    }

    [Fact]
    public async Task AllRooms_on_one_server_lists_every_room_with_a_socket_and_drops_emptied_ones()
    {
        await using var server = await TestServer.StartAsync();
        var (a, sa) = await ConnectAsync(server);
        var (b, sb) = await ConnectAsync(server);
        await using var _a = a;
        await using var _b = b;
        await sa.JoinAsync("news");
        await sb.JoinAsync("sports");

        (await server.IO.Sockets.AllRoomsAsync()).ShouldBe(new HashSet<string> { sa.Id, sb.Id, "news", "sports" }, ignoreOrder: true);
        await sb.LeaveAsync("sports");
        (await server.IO.Sockets.AllRoomsAsync()).ShouldBe(new HashSet<string> { sa.Id, sb.Id, "news" }, ignoreOrder: true);
    }

    [Fact]
    public async Task Broadcast_to_rooms_with_exceptions_reaches_exactly_the_targets()
    {
        await using var server = await TestServer.StartAsync();
        var (a, sa) = await ConnectAsync(server);
        var (b, sb) = await ConnectAsync(server);
        var (c, sc) = await ConnectAsync(server);
        await using var _a = a;
        await using var _b = b;
        await using var _c = c;
        await sa.JoinAsync("news");
        await sb.JoinAsync(["news", "vip"]);
        await sc.JoinAsync("sports");

        await server.IO.To("news").To("sports").Except("vip").EmitAsync("update", 1);
        (await a.ReceiveTextAsync()).ShouldBe("42[\"update\",1]");
        (await c.ReceiveTextAsync()).ShouldBe("42[\"update\",1]");

        // b was left out: the next thing it receives is the following, unfiltered broadcast.
        await server.IO.EmitAsync("all", 2);
        (await b.ReceiveTextAsync()).ShouldBe("42[\"all\",2]");
        (await a.ReceiveTextAsync()).ShouldBe("42[\"all\",2]");
    }

    [Fact]
    public async Task Each_socket_is_in_a_room_named_by_its_id_and_socket_To_excludes_the_sender()
    {
        await using var server = await TestServer.StartAsync();
        var (a, sa) = await ConnectAsync(server);
        var (b, sb) = await ConnectAsync(server);
        await using var _a = a;
        await using var _b = b;

        await server.IO.To(sb.Id).EmitAsync("private", "for b");
        (await b.ReceiveTextAsync()).ShouldBe("42[\"private\",\"for b\"]");

        await sa.JoinAsync("room");
        await sb.JoinAsync("room");
        await sa.To("room").EmitAsync("from-a");
        await sa.Broadcast.EmitAsync("broadcast-from-a");
        (await b.ReceiveTextAsync()).ShouldBe("42[\"from-a\"]");
        (await b.ReceiveTextAsync()).ShouldBe("42[\"broadcast-from-a\"]");

        await server.IO.EmitAsync("marker");
        (await a.ReceiveTextAsync()).ShouldBe("42[\"marker\"]");
    }

    [Fact]
    public async Task Binary_broadcasts_send_the_attachments_to_every_target()
    {
        await using var server = await TestServer.StartAsync();
        var (a, _) = await ConnectAsync(server);
        var (b, _) = await ConnectAsync(server);
        await using var _a = a;
        await using var _b = b;
        await server.IO.EmitAsync("blob", new byte[] { 1, 2, 3 });
        foreach (var ws in new[] { a, b })
        {
            (await ws.ReceiveTextAsync()).ShouldBe("451-[\"blob\",{\"_placeholder\":true,\"num\":0}]");
            (await ws.ReceiveBinaryAsync()).ShouldBe(new byte[] { 1, 2, 3 });
        }
    }

    [Fact]
    public async Task SocketsJoin_SocketsLeave_FetchSockets_and_DisconnectSockets_act_on_the_selection()
    {
        await using var server = await TestServer.StartAsync();
        var (a, sa) = await ConnectAsync(server);
        var (b, sb) = await ConnectAsync(server);
        await using var _a = a;
        await using var _b = b;
        await sa.JoinAsync("x");

        await server.IO.In("x").SocketsJoinAsync("y", "z");
        sa.Rooms.ShouldBe([sa.Id, "x", "y", "z"], ignoreOrder: true);
        sb.Rooms.ShouldBe([sb.Id]);

        (await server.IO.In("y").FetchSocketsAsync()).Select(s => s.Id).ShouldBe([sa.Id]);
        (await server.IO.FetchSocketsAsync()).Count.ShouldBe(2);

        await server.IO.In("x").SocketsLeaveAsync("y");
        sa.Rooms.ShouldNotContain("y");

        await server.IO.Except("x").DisconnectSocketsAsync();
        (await b.ReceiveTextAsync()).ShouldBe("41");
        sb.Connected.ShouldBeFalse();
        sa.Connected.ShouldBeTrue();
        (await server.IO.FetchSocketsAsync()).Select(s => s.Id).ShouldBe([sa.Id]);
    }

    [Fact]
    public async Task A_disconnected_socket_leaves_all_its_rooms()
    {
        await using var server = await TestServer.StartAsync();
        var (a, sa) = await ConnectAsync(server);
        await sa.JoinAsync("lobby");
        await a.DisposeAsync();
        await Eventually.TrueAsync(() => !sa.Connected);
        (await server.IO.In("lobby").FetchSocketsAsync()).ShouldBeEmpty();
        ((InMemoryAdapter)server.IO.Sockets.Adapter).Rooms.ShouldBeEmpty();
    }

    [Fact]
    public async Task Namespaces_are_isolated()
    {
        await using var server = await TestServer.StartAsync(setup: io => io.Of("/other"));
        var (main, _) = await ConnectAsync(server);
        await using var _m = main;
        var (other, _) = await RawWebSocket.ConnectSocketIOAsync(server, "40/other,");
        await using var _o = other;

        await server.IO.Of("/other").EmitAsync("only-other");
        (await other.ReceiveTextAsync()).ShouldBe("42/other,[\"only-other\"]");
        await server.IO.EmitAsync("only-main");
        (await main.ReceiveTextAsync()).ShouldBe("42[\"only-main\"]");
    }
}
