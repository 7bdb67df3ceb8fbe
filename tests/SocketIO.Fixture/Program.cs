using SocketIO.Fixture;
using Switchboard.SocketIO;

var builder = WebApplication.CreateBuilder(args);
var port = builder.Configuration["port"] ?? Environment.GetEnvironmentVariable("PORT") ?? "3000";
builder.WebHost.UseUrls($"http://localhost:{port}");
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSocketIO(FixtureSetup.ConfigureSocketIO);

var app = builder.Build();
app.MapEngineIO("/engine.io", FixtureSetup.EchoAsync, FixtureSetup.ConfigureOptions);
FixtureSetup.ConfigureServer(app.Services.GetRequiredService<SocketIOServer>());
app.MapSocketIO("/socket.io");

app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"Listening on port {port}"));
app.Run();
