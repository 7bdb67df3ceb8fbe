using Switchboard.Domain;
using Switchboard.SocketIO;

namespace Switchboard.Realtime;

public static class RealtimeSetup
{
    public static IServiceCollection AddSwitchboardRealtime(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<RealtimeOptions>(config.GetSection("Realtime"));
        var origins = config.GetSection("Realtime:CorsOrigins").Get<string[]>() ?? [];
        var realtime = config.GetSection("Realtime").Get<RealtimeOptions>() ?? new RealtimeOptions();
        services.AddSocketIO(o =>
        {
            // Payloads read like the REST bodies: snake_case throughout.
            o.SerializerOptions = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)
            {
                PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
            };
            // A short cut (tunnel, laptop lid, a node dying behind the balancer) loses nothing: the client comes back
            // with its session and gets the missed events. Middlewares run again on recovery: the token is checked
            // anew, the session is kept only for its own user and the rooms they may hold now (SocketAuthentication
            // declines it otherwise), and Data gets typed ids (a session restored from Redis carries plain JSON values).
            o.ConnectionStateRecovery = new ConnectionStateRecoveryOptions
            {
                MaxDisconnectionDuration = realtime.RecoveryWindow,
                SkipMiddlewares = false,
            };
            if (origins.Length > 0) o.Cors = new Switchboard.SocketIO.EngineIO.EngineIOCorsOptions { Origins = origins };
        });
        services.AddSingleton<SocketAuthentication>();
        services.AddSingleton<Presence>();
        services.AddSingleton<IDomainEventHandler, RealtimeEvents>();
        services.AddSingleton<IDomainEventHandler, SlaAlerts>();
        services.AddSingleton<IDomainEventHandler, TeamEvents>();
        return services;
    }

    /// <summary>Socket.IO at /socket.io/: token authentication in CONNECT, the member's rooms, presence.</summary>
    public static WebApplication MapSwitchboardRealtime(this WebApplication app)
    {
        var io = app.Services.GetRequiredService<SocketIOServer>();
        var authentication = app.Services.GetRequiredService<SocketAuthentication>();
        var presence = app.Services.GetRequiredService<Presence>();
        io.Use(authentication.AuthenticateAsync);
        io.OnConnection(socket =>
        {
            var workspaceId = (Guid)socket.Data[SocketAuthentication.WorkspaceKey]!;
            var userId = (Guid)socket.Data[SocketAuthentication.UserKey]!;
            presence.Connected(workspaceId, userId);
            Operations.Telemetry.SocketsConnected.Add(1);
            // A client that sent a session to recover (socket.io-client adds pid and offset) either got it back or not.
            if (socket.Recovered)
                Operations.Telemetry.SocketRecoveries.Add(1, new KeyValuePair<string, object?>("result", "hit"));
            else if (socket.Handshake.Auth.ValueKind == System.Text.Json.JsonValueKind.Object && socket.Handshake.Auth.TryGetProperty("pid", out _))
                Operations.Telemetry.SocketRecoveries.Add(1, new KeyValuePair<string, object?>("result", "miss"));
            socket.OnDisconnect(_ => Operations.Telemetry.SocketsConnected.Add(-1));
            // A socket cut for a transport reason may come back recovered: presence waits out the recovery window too.
            socket.OnDisconnect(reason => presence.Disconnected(workspaceId, userId, DisconnectReason.IsRecoverable(reason)));
        });
        app.MapSocketIO("/socket.io");
        return app;
    }
}
