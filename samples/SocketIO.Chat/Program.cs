// A chat server on Switchboard.SocketIO: a name is required to connect, clients join rooms, messages go to a
// room with an acknowledgement. With Redis:Configuration set, several instances share rooms (Redis Streams).
using StackExchange.Redis;
using Switchboard.SocketIO;
using Switchboard.SocketIO.Redis;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSocketIO(o => o.ConnectionStateRecovery = new ConnectionStateRecoveryOptions());
if (builder.Configuration["Redis:Configuration"] is { Length: > 0 } redisConfiguration)
{
    builder.Services.AddSingleton<IConnectionMultiplexer>(await RedisConnection.ConnectAsync(redisConfiguration));
    builder.Services.AddSocketIORedisStreamsAdapter(o => o.StreamName = "chat-sample");
}

var app = builder.Build();
var io = app.Services.GetRequiredService<SocketIOServer>();

// Refusing here sends the client a connect_error with this message and data.
io.Use(async (socket, next) =>
{
    if (!socket.Handshake.Auth.TryGetProperty("name", out var name) || string.IsNullOrWhiteSpace(name.GetString()))
    {
        throw new SocketIOConnectionException("a name is required", new { code = "name_required" });
    }

    socket.Data["name"] = name.GetString();
    await next();
});

io.OnConnection(async socket =>
{
    var name = (string)socket.Data["name"]!;
    await socket.JoinAsync("lobby");

    socket.On("join", async e =>
    {
        var room = e.Args.GetString(0) ?? "lobby";
        await socket.JoinAsync(room);
        await socket.To(room).EmitAsync("joined", name, room);
        await e.AckAsync(room);
    });

    socket.On("say", async e =>
    {
        var room = e.Args.GetString(0) ?? "lobby";
        if (!socket.Rooms.Contains(room))
        {
            await e.AckAsync(new { error = "not in room" });
            return;
        }

        await io.To(room).EmitAsync("message", new { from = name, room, text = e.Args.GetString(1) });
        await e.AckAsync(new { ok = true });
    });

    socket.OnDisconnect(reason => app.Logger.LogInformation("{Name} left: {Reason}", name, reason));
});

app.MapSocketIO();
app.Run();
