using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.SocketIO;
using Switchboard.SocketIO.EngineIO;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps Socket.IO and plain Engine.IO endpoints.</summary>
public static class SocketIOEndpointRouteBuilderExtensions
{
    /// <summary>Serves the DI <see cref="SocketIOServer"/> at <paramref name="path"/> (with or without the trailing slash).</summary>
    public static IEndpointConventionBuilder MapSocketIO(this IEndpointRouteBuilder endpoints, string path = "/socket.io")
    {
        var server = endpoints.ServiceProvider.GetRequiredService<SocketIOServer>();
        StopWithHost(endpoints, server.Close);
        return MapEngine(endpoints, path, server.Engine);
    }

    /// <summary>
    /// Serves a bare Engine.IO endpoint (no Socket.IO on top): <paramref name="onConnection"/> receives
    /// each session and can send and receive raw messages.
    /// </summary>
    public static IEndpointConventionBuilder MapEngineIO(this IEndpointRouteBuilder endpoints, string path, Func<EngineIOSocket, Task> onConnection, Action<EngineIOOptions>? configure = null)
    {
        var options = new EngineIOOptions();
        configure?.Invoke(options);
        options.TimeProvider ??= endpoints.ServiceProvider.GetService<TimeProvider>();
        var logger = endpoints.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger<EngineIOServer>();
        var engine = new EngineIOServer(options, logger) { OnConnection = onConnection };
        StopWithHost(endpoints, () => engine.CloseAll());
        return MapEngine(endpoints, path, engine);
    }

    private static IEndpointConventionBuilder MapEngine(IEndpointRouteBuilder endpoints, string path, EngineIOServer engine)
    {
        // The WebSocket middleware lives in the endpoint's own pipeline so the host app does not have to add it.
        var pipeline = endpoints.CreateApplicationBuilder();
        pipeline.UseWebSockets();
        pipeline.Run(engine.HandleRequestAsync);
        var app = pipeline.Build();
        var pattern = "/" + path.Trim('/');
        return endpoints.Map(pattern, app).WithDisplayName("Engine.IO " + pattern);
    }

    private static void StopWithHost(IEndpointRouteBuilder endpoints, Action close)
    {
        // Long polls and WebSockets would otherwise hold the host's graceful shutdown until it times out.
        var lifetime = endpoints.ServiceProvider.GetService<IHostApplicationLifetime>();
        lifetime?.ApplicationStopping.Register(close);
    }
}
