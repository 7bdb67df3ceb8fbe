using SocketIO.Fixture;
using Switchboard.SocketIO;

var builder = WebApplication.CreateBuilder(args);
var port = builder.Configuration["port"] ?? Environment.GetEnvironmentVariable("PORT") ?? "3000";
builder.WebHost.UseUrls($"http://localhost:{port}");
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSocketIO(FixtureSetup.ConfigureSocketIO);
// FIXTURE_CONNECTION_HANDLER=1: WebSockets of /socket.io from Kestrel's connection middleware (tests/e2e/test/connection-handler.test.js).
var connectionHandler = Environment.GetEnvironmentVariable("FIXTURE_CONNECTION_HANDLER") == "1";
if (connectionHandler)
{
    builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(listen => listen.UseSocketIOWebSockets("/socket.io")));
}

// Interop tests (tests/interop): a node of a cluster shared with Node.js servers on @socket.io/redis-streams-adapter
// (or, with FIXTURE_REDIS_ADAPTER=node-pubsub, on @socket.io/redis-adapter).
if (Environment.GetEnvironmentVariable("FIXTURE_REDIS") is { Length: > 0 } redis)
{
    var stream = Environment.GetEnvironmentVariable("FIXTURE_STREAM") ?? "socket.io";
    builder.Services.AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(Switchboard.SocketIO.Redis.RedisConnection.Connect(redis));
    if (Environment.GetEnvironmentVariable("FIXTURE_REDIS_ADAPTER") == "node-pubsub")
    {
        // @socket.io/redis-adapter's format, its key being the stream name.
        builder.Services.AddSocketIORedisAdapter(o =>
        {
            o.ChannelPrefix = stream;
            o.NodeCompatible = true;
        });
    }
    else
    {
        builder.Services.AddSocketIORedisStreamsAdapter(o =>
        {
            o.StreamName = stream;
            o.ChannelPrefix = stream;
            o.SessionKeyPrefix = stream + ":session:";
            o.StreamCount = int.TryParse(Environment.GetEnvironmentVariable("FIXTURE_STREAM_COUNT"), out var count) ? count : 1;
        });
    }
}

var app = builder.Build();
app.MapEngineIO("/engine.io", FixtureSetup.EchoAsync, FixtureSetup.ConfigureOptions);
FixtureSetup.ConfigureServer(app.Services.GetRequiredService<SocketIOServer>());
app.MapSocketIO("/socket.io");
if (connectionHandler)
{
    // How many WebSockets the connection handler accepted: the tests' evidence that it, not the HTTP path, served them.
    app.MapGet("/diagnostics/connection-handler", (SocketIOServer io) => io.Engine.ConnectionHandlerWebSockets);
}

app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"Listening on port {port}"));
app.Run();
