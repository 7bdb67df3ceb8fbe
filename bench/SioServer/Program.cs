// Switchboard.SocketIO with the same event handlers as bench/node-server/server.mjs, and nothing else
// (no app-level auth), so the memory and broadcast figures compare the protocol libraries.
//   dotnet Bench.SioServer.dll --port 3001
using Switchboard.SocketIO;

var builder = WebApplication.CreateSlimBuilder(args);
var port = builder.Configuration["port"] ?? "3001";
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
// WebSockets straight from Kestrel's connections, with no HTTP request kept alive under each (issue 31);
// SIO_CONNECTION_HANDLER=0 measures the HTTP-upgrade path instead.
if (builder.Configuration["SIO_CONNECTION_HANDLER"] != "0")
{
    builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(listen => listen.UseSocketIOWebSockets("/socket.io")));
}

builder.Logging.ClearProviders();
builder.Services.AddSocketIO(); // defaults, as the Node server: ping 25 s / 20 s, 1e6 bytes

var app = builder.Build();
var io = app.Services.GetRequiredService<SocketIOServer>();
io.OnConnection(socket =>
{
    socket.On("join", async e =>
    {
        await socket.JoinAsync(e.Args.GetString(0)!);
        if (e.HasAck) await e.AckAsync("joined");
    });
    socket.On("broadcast", e => io.To(e.Args.GetString(0)!).EmitAsync("broadcast", e.Args.ToArray()[1..]).AsTask());
    socket.On("message-with-ack", e => e.AckAsync(e.Args.ToArray()).AsTask());
});
app.MapGet("/healthz", () => "ok");
// For the "after all clients leave" figure: a full, compacting collection that also gives memory back to the OS
// (the Node server does the same with global.gc() under --expose-gc).
app.MapGet("/gc", () =>
{
    System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
    GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    return "ok";
});
// Bytes allocated so far by the whole process: bench.mjs reads it around each echo window (allocated per round trip).
app.MapGet("/allocated", () => GC.GetTotalAllocatedBytes(precise: false));
app.MapSocketIO("/socket.io");
app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"listening {port}"));
app.Run();
