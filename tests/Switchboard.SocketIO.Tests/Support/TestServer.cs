using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchboard.SocketIO.EngineIO;

namespace Switchboard.SocketIO.Tests.Support;

/// <summary>A real Kestrel server on a free loopback port, with Socket.IO at /socket.io and an Engine.IO echo at /engine.io.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, EngineIOSocket> _echoSessions;

    private TestServer(WebApplication app, Uri baseUri, ConcurrentDictionary<string, EngineIOSocket> echoSessions)
    {
        _app = app;
        _echoSessions = echoSessions;
        BaseUri = baseUri;
        Http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
        IO = app.Services.GetRequiredService<SocketIOServer>();
    }

    public Uri BaseUri { get; }

    public HttpClient Http { get; }

    public SocketIOServer IO { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TestServer> StartAsync(
        Action<SocketIOOptions>? configure = null,
        Action<SocketIOServer>? setup = null,
        Action<IServiceCollection>? services = null,
        Action<EngineIOOptions>? configureEngine = null,
        bool connectionHandler = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        if (connectionHandler)
        {
            // WebSockets of /socket.io served by Kestrel's connection middleware (UseSocketIOWebSockets).
            builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(listen => listen.UseSocketIOWebSockets("/socket.io")));
        }

        builder.Logging.ClearProviders();
        services?.Invoke(builder.Services);
        builder.Services.AddSocketIO(o => configure?.Invoke(o));

        var app = builder.Build();
        var echoSessions = new ConcurrentDictionary<string, EngineIOSocket>(StringComparer.Ordinal);
        app.MapEngineIO("/engine.io", socket =>
        {
            echoSessions[socket.Id] = socket;
            socket.OnClose(reason => echoSessions.TryRemove(socket.Id, out var closed));
            socket.OnMessage(m => m.Binary is { } b ? socket.SendAsync(b) : socket.SendAsync(m.Text!));
            return Task.CompletedTask;
        }, o => configureEngine?.Invoke(o));
        setup?.Invoke(app.Services.GetRequiredService<SocketIOServer>());
        app.MapSocketIO("/socket.io");
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestServer(app, new Uri(address + "/"), echoSessions);
    }

    /// <summary>The open session with this id, on the Engine.IO echo endpoint or under Socket.IO; null once closed.</summary>
    public EngineIOSocket? Session(string sid) => _echoSessions.TryGetValue(sid, out var session) ? session : IO.Engine.Find(sid);

    /// <summary>
    /// Waits until the server holds a long-poll GET of this session open, waiting for packets: the signal a
    /// test acts on a parked poll after (never a sleep).
    /// </summary>
    public Task PollParkedAsync(string sid) =>
        Eventually.TrueAsync(() => Session(sid)?.PollWaiting == true, because: $"a poll of session {sid} to be parked");

    public Uri WebSocketUri(string pathAndQuery) => new(new Uri(BaseUri.ToString().Replace("http", "ws")), pathAndQuery);

    /// <summary>Opens a polling session and returns its sid.</summary>
    public async Task<string> OpenPollingSessionAsync(string path = "/socket.io/", string extraQuery = "")
    {
        var body = await Http.GetStringAsync($"{path}?EIO=4&transport=polling{extraQuery}");
        using var doc = System.Text.Json.JsonDocument.Parse(body[1..]);
        return doc.RootElement.GetProperty("sid").GetString()!;
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.DisposeAsync();
    }
}
