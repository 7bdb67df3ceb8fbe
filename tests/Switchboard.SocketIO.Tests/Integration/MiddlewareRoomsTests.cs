using System.Collections.Concurrent;
using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Integration;

/// <summary>
/// Rooms joined by a connection middleware are entered together with the socket's registration, or not at
/// all: a client that goes away while a middleware awaits, or a refused connection, leaves no room entry, and
/// every socket that was connected gets its disconnect.
/// </summary>
public class MiddlewareRoomsTests
{
    private static IReadOnlyCollection<string> AdapterRooms(TestServer server) => ((InMemoryAdapter)server.IO.Sockets.Adapter).Rooms;

    [Fact]
    public async Task Rooms_joined_by_a_middleware_are_entered_with_the_registration()
    {
        var gate = new TaskCompletionSource();
        var inMiddleware = new TaskCompletionSource<Socket>();
        var connected = new TaskCompletionSource<Socket>();
        await using var server = await TestServer.StartAsync(setup: io =>
        {
            io.Use(async (socket, next) =>
            {
                await socket.JoinAsync(["user_1", "team_1"]);
                await socket.LeaveAsync("team_1");
                inMiddleware.SetResult(socket);
                await gate.Task;
                await next();
            });
            io.OnConnection(s => connected.TrySetResult(s));
        });

        await using var ws = await RawWebSocket.ConnectAsync(server.WebSocketUri("/socket.io/?EIO=4&transport=websocket"));
        await ws.ReceiveTextAsync();
        await ws.SendTextAsync("40");
        var handshaking = await inMiddleware.Task.WaitAsync(TimeSpan.FromSeconds(5));
        handshaking.Rooms.ShouldBe(["user_1"]);
        AdapterRooms(server).ShouldBeEmpty();
        (await server.IO.In("user_1").FetchSocketsAsync()).ShouldBeEmpty();

        gate.SetResult();
        var socket = await connected.Task.WaitAsync(TimeSpan.FromSeconds(5));
        socket.Rooms.ShouldBe([socket.Id, "user_1"], ignoreOrder: true);
        (await server.IO.In("user_1").FetchSocketsAsync()).Single().ShouldBe(socket);
    }

    [Fact]
    public async Task A_client_that_drops_while_a_middleware_awaits_leaves_no_room_and_is_never_connected()
    {
        var gate = new TaskCompletionSource();
        var inMiddleware = new TaskCompletionSource();
        var middlewareDone = new TaskCompletionSource();
        var connections = 0;
        await using var server = await TestServer.StartAsync(setup: io =>
        {
            io.Use(async (socket, next) =>
            {
                await socket.JoinAsync(["user_1", "business_1"]);
                inMiddleware.SetResult();
                await gate.Task;
                try
                {
                    await next();
                }
                finally
                {
                    middlewareDone.SetResult();
                }
            });
            io.OnConnection(_ => Interlocked.Increment(ref connections));
        });

        var ws = await RawWebSocket.ConnectAsync(server.WebSocketUri("/socket.io/?EIO=4&transport=websocket"));
        await ws.ReceiveTextAsync();
        await ws.SendTextAsync("40");
        await inMiddleware.Task.WaitAsync(TimeSpan.FromSeconds(5));
        ws.Abort();
        await Eventually.TrueAsync(() => server.IO.Engine.ClientsCount == 0);

        gate.SetResult();
        await middlewareDone.Task.WaitAsync(TimeSpan.FromSeconds(5));
        connections.ShouldBe(0);
        server.IO.Sockets.Sockets.ShouldBeEmpty();
        AdapterRooms(server).ShouldBeEmpty();
        await ws.DisposeAsync();
    }

    [Fact]
    public async Task A_connection_refused_after_a_middleware_joined_rooms_leaves_no_room()
    {
        await using var server = await TestServer.StartAsync(setup: io => io.Use(async (socket, next) =>
        {
            await socket.JoinAsync("user_1");
            await Task.Yield();
            throw new SocketIOConnectionException("not authorized");
        }));
        var (ws, answer) = await RawWebSocket.ConnectSocketIOAsync(server);
        await using var _ = ws;
        answer.ShouldBe("44{\"message\":\"not authorized\"}");
        AdapterRooms(server).ShouldBeEmpty();
    }

    [Fact]
    public async Task Many_connects_dropped_mid_handshake_leave_no_room_and_every_connection_gets_its_disconnect()
    {
        var connected = 0;
        var disconnected = 0;
        await using var server = await TestServer.StartAsync(setup: io =>
        {
            io.Use(async (socket, next) =>
            {
                // An authentication lookup: a few awaits of varying length, joining rooms in between.
                await Task.Yield();
                await socket.JoinAsync("user_1");
                await Task.Delay(Random.Shared.Next(0, 3));
                await socket.JoinAsync(["business_1", "member_1_1"]);
                await next();
            });
            io.OnConnection(s =>
            {
                Interlocked.Increment(ref connected);
                s.OnDisconnect(_ => Interlocked.Increment(ref disconnected));
            });
        });

        await Parallel.ForAsync(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var ws = await RawWebSocket.ConnectAsync(server.WebSocketUri("/socket.io/?EIO=4&transport=websocket"));
            await ws.ReceiveTextAsync();
            await ws.SendTextAsync("40");
            // Drop at every point of the handshake: at once, during the awaits, around the registration.
            if (i % 4 != 0)
            {
                await Task.Delay(i % 5);
            }

            ws.Abort();
            await ws.DisposeAsync();
        });

        await Eventually.TrueAsync(() => server.IO.Engine.ClientsCount == 0, TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => AdapterRooms(server).Count == 0 && connected == disconnected, TimeSpan.FromSeconds(10),
            "room entries or connected sockets were left behind");
        server.IO.Sockets.Sockets.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_client_that_drops_while_the_connection_handlers_run_still_gets_its_disconnect()
    {
        var inHandler = new TaskCompletionSource();
        var reason = new TaskCompletionSource<string>();
        TestServer? started = null;
        await using var server = await TestServer.StartAsync(setup: io => io.Use(async (_, next) =>
        {
            // Off the transport's read loop, which must stay free to notice the client going away.
            await Task.Yield();
            await next();
        }).OnConnection(s =>
        {
            inHandler.SetResult();
            // Hold the handler's synchronous part until the transport is gone, then register the callback.
            SpinWait.SpinUntil(() => started!.IO.Engine.ClientsCount == 0, TimeSpan.FromSeconds(5)).ShouldBeTrue();
            s.Connected.ShouldBeTrue();
            s.OnDisconnect(r => reason.TrySetResult(r));
        }));
        started = server;

        var ws = await RawWebSocket.ConnectAsync(server.WebSocketUri("/socket.io/?EIO=4&transport=websocket"));
        await ws.ReceiveTextAsync();
        await ws.SendTextAsync("40");
        await inHandler.Task.WaitAsync(TimeSpan.FromSeconds(5));
        ws.Abort();

        (await reason.Task.WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe("transport close");
        server.IO.Sockets.Sockets.ShouldBeEmpty();
        AdapterRooms(server).ShouldBeEmpty();
        await ws.DisposeAsync();
    }

    [Fact]
    public async Task Joining_after_the_disconnect_enters_no_room()
    {
        var socketTask = new TaskCompletionSource<Socket>();
        await using var server = await TestServer.StartAsync(setup: io => io.OnConnection(s => socketTask.TrySetResult(s)));
        var (ws, _) = await RawWebSocket.ConnectSocketIOAsync(server);
        var socket = await socketTask.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await ws.DisposeAsync();
        await Eventually.TrueAsync(() => !socket.Connected);

        await socket.JoinAsync("late");
        AdapterRooms(server).ShouldBeEmpty();
    }
}
