using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.SocketIO.EngineIO.Transports;

namespace Switchboard.SocketIO.EngineIO;

/// <summary>
/// The Engine.IO endpoint: validates requests, performs handshakes and routes requests to the
/// sessions' transports. Mapped with <c>MapEngineIO</c>, or used underneath <c>MapSocketIO</c>.
/// </summary>
public sealed class EngineIOServer
{
    private readonly ConcurrentDictionary<string, EngineIOSocket> _sessions = new(StringComparer.Ordinal);
    private readonly HandshakeLimiter _limiter;
    private long _connectionHandlerWebSockets;

    /// <summary>Creates a server with these options; <see cref="Microsoft.AspNetCore.Builder.SocketIOEndpointRouteBuilderExtensions.MapEngineIO"/> does this for you.</summary>
    public EngineIOServer(EngineIOOptions options, ILogger? logger = null)
    {
        Options = options;
        Logger = logger ?? NullLogger.Instance;
        Time = options.TimeProvider ?? TimeProvider.System;
        _limiter = new HandshakeLimiter(options, Time);
    }

    /// <summary>The options the server was created with.</summary>
    public EngineIOOptions Options { get; }

    /// <summary>Called once per new session, before the client can send anything.</summary>
    public Func<EngineIOSocket, Task>? OnConnection { get; set; }

    /// <summary>Number of open sessions.</summary>
    public int ClientsCount => _sessions.Count;

    /// <summary>
    /// WebSockets accepted by the Kestrel connection handler (<c>UseSocketIOWebSockets</c>) rather than through an
    /// HTTP request, since the server started: a diagnostic that shows the handler is in the path.
    /// </summary>
    public long ConnectionHandlerWebSockets => Interlocked.Read(ref _connectionHandlerWebSockets);

    internal ILogger Logger { get; }

    internal TimeProvider Time { get; }

    /// <summary>Closes every session immediately with the given reason.</summary>
    public void CloseAll(string reason = EngineIOCloseReason.ServerShuttingDown)
    {
        foreach (var session in _sessions.Values)
        {
            session.Finish(reason);
        }
    }

    /// <summary>Serves one Engine.IO request (handshake, poll, post or WebSocket upgrade).</summary>
    public async Task HandleRequestAsync(HttpContext context)
    {
        if (CorsHandler.Apply(context, Options.Cors))
        {
            return;
        }

        var request = context.Request;
        var query = request.Query;
        var transport = query["transport"].ToString();
        if (transport.Length == 0 || !Options.Transports.Contains(transport))
        {
            await EngineIOErrors.WriteAsync(context, EngineIOErrorCode.UnknownTransport).ConfigureAwait(false);
            return;
        }

        var isWebSocket = context.WebSockets.IsWebSocketRequest;
        var sid = query["sid"].ToString();
        if (sid.Length > 0)
        {
            await HandleSessionRequestAsync(context, sid, transport, isWebSocket).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsGet(request.Method))
        {
            await EngineIOErrors.WriteAsync(context, EngineIOErrorCode.BadHandshakeMethod).ConfigureAwait(false);
            return;
        }

        if (transport == "websocket" && !isWebSocket)
        {
            await EngineIOErrors.WriteAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
            return;
        }

        if (query["EIO"].ToString() != "4")
        {
            await EngineIOErrors.WriteAsync(context, EngineIOErrorCode.UnsupportedProtocolVersion).ConfigureAwait(false);
            return;
        }

        if (Options.AllowRequest is { } allow && !await allow(context).ConfigureAwait(false))
        {
            await EngineIOErrors.WriteAsync(context, EngineIOErrorCode.Forbidden).ConfigureAwait(false);
            return;
        }

        var address = Options.ClientAddress(context);
        var refusal = _limiter.TryAdmit(address, out var retryAfter);
        if (refusal != HandshakeLimiter.Refusal.None)
        {
            await RefuseAsync(context, refusal, retryAfter).ConfigureAwait(false);
            return;
        }

        // The slot reserved above belongs to the session once it exists, and is released when it ends.
        if (transport == "websocket")
        {
            await HandshakeWebSocketAsync(context, address).ConfigureAwait(false);
        }
        else
        {
            await HandshakePollingAsync(context, address).ConfigureAwait(false);
        }
    }

    internal void CountConnectionHandlerWebSocket() => Interlocked.Increment(ref _connectionHandlerWebSockets);

    /// <summary>The open session with this id, if any (for tests that observe a session's state).</summary>
    internal EngineIOSocket? Find(string sid) => _sessions.TryGetValue(sid, out var session) ? session : null;

    internal void Remove(EngineIOSocket session)
    {
        if (_sessions.TryRemove(new KeyValuePair<string, EngineIOSocket>(session.Id, session)))
        {
            _limiter.Release(session.LimitKey);
        }
    }

    private static Task RefuseAsync(HttpContext context, HandshakeLimiter.Refusal refusal, TimeSpan retryAfter)
    {
        var message = refusal switch
        {
            HandshakeLimiter.Refusal.HandshakeRate => "Too many handshakes from this address",
            HandshakeLimiter.Refusal.AddressSessions => "Too many sessions from this address",
            _ => "Too many sessions",
        };
        if (retryAfter > TimeSpan.Zero && !context.Response.HasStarted)
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return EngineIOErrors.WriteAsync(context, EngineIOErrorCode.Forbidden, message);
    }

    private async Task HandleSessionRequestAsync(HttpContext context, string sid, string transport, bool isWebSocket)
    {
        if (!_sessions.TryGetValue(sid, out var session) || session.ExpireIfPongOverdue())
        {
            await EngineIOErrors.WriteAsync(context, EngineIOErrorCode.UnknownSid).ConfigureAwait(false);
            return;
        }

        if (transport == "polling")
        {
            if (session.Transport != "polling")
            {
                await EngineIOErrors.WriteAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
                return;
            }

            var method = context.Request.Method;
            if (HttpMethods.IsGet(method))
            {
                await PollingTransport.HandlePollAsync(context, session).ConfigureAwait(false);
            }
            else if (HttpMethods.IsPost(method))
            {
                await PollingTransport.HandleDataAsync(context, session).ConfigureAwait(false);
            }
            else
            {
                await EngineIOErrors.WriteAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
            }

            return;
        }

        // A WebSocket request carrying a sid is an upgrade; only one may ever succeed per session.
        if (!isWebSocket || !Options.AllowUpgrades)
        {
            await EngineIOErrors.WriteAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
            return;
        }

        if (session.Transport != "polling" || session.Upgrading || session.Upgraded || !session.IsOpen)
        {
            // Like the Node server: accept, then close, so the client sees a plain close rather than an HTTP error.
            await RejectWebSocketAsync(context).ConfigureAwait(false);
            return;
        }

        // Nothing of the request is used once the WebSocket is accepted: the connection handler releases it then.
        var aborted = context.RequestAborted;
        var detachable = Detachable(context);
        var webSocket = await AcceptAsync(context).ConfigureAwait(false);
        await RunOrDetachAsync(detachable, new WebSocketConnection(webSocket, session), upgrade: true, aborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs an accepted WebSocket for its whole life. Under the connection handler it is handed to the handler
    /// instead and this request returns at once: its state machines (and the request, context and handshake
    /// locals they hold) are then not kept alive under every idle WebSocket, only the WebSocket's own loop is.
    /// </summary>
    private static Task RunOrDetachAsync(Connections.ConnectionWebSocketFeature? detachable, WebSocketConnection connection, bool upgrade, CancellationToken aborted)
    {
        var life = connection.RunAsync(upgrade, aborted);
        if (detachable is not null)
        {
            detachable.Life = life;
            return Task.CompletedTask;
        }

        return life;
    }

    /// <summary>The connection handler's WebSocket feature, taken before accepting (which releases the request's features).</summary>
    private static Connections.ConnectionWebSocketFeature? Detachable(HttpContext context) =>
        context.Features.Get<IHttpWebSocketFeature>() as Connections.ConnectionWebSocketFeature;

    private async Task HandshakePollingAsync(HttpContext context, string? address)
    {
        var session = CreateSession(new EngineIORequestInfo(context, Time), "polling", address);
        var open = BuildOpenPacket(session.Id, Options.AllowUpgrades && Options.Transports.Contains("websocket"));
        session.Start();
        await NotifyConnectionAsync(session).ConfigureAwait(false);

        // The handshake answer carries the open packet alone, so clients can JSON-parse it as is.
        await PollingTransport.WriteFramesAsync(context, [open]).ConfigureAwait(false);
    }

    private async Task HandshakeWebSocketAsync(HttpContext context, string? address)
    {
        // Taken before accepting: nothing of the request is used once the WebSocket is accepted (the connection
        // handler releases it then).
        var request = new EngineIORequestInfo(context, Time);
        var aborted = context.RequestAborted;
        var detachable = Detachable(context);
        WebSocket webSocket;
        try
        {
            webSocket = await AcceptAsync(context).ConfigureAwait(false);
        }
        catch
        {
            _limiter.Release(address);
            throw;
        }

        WebSocketConnection connection;
        try
        {
            var session = CreateSession(request, "websocket", address);
            session.TrySend(BuildOpenPacket(session.Id, upgrades: false));
            session.Start();
            await NotifyConnectionAsync(session).ConfigureAwait(false);
            connection = new WebSocketConnection(webSocket, session);
        }
        catch
        {
            webSocket.Dispose();
            throw;
        }

        await RunOrDetachAsync(detachable, connection, upgrade: false, aborted).ConfigureAwait(false);
    }

    private EngineIOSocket CreateSession(EngineIORequestInfo request, string transport, string? address)
    {
        while (true)
        {
            var session = new EngineIOSocket(SessionIdGenerator.NewId(), this, request, transport) { LimitKey = address };
            if (_sessions.TryAdd(session.Id, session))
            {
                return session;
            }
        }
    }

    private async Task NotifyConnectionAsync(EngineIOSocket session)
    {
        if (OnConnection is not { } onConnection)
        {
            return;
        }

        try
        {
            await onConnection(session).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Connection handler failed for session {Sid}", session.Id);
            session.Finish(EngineIOCloseReason.TransportError);
        }
    }

    private static async Task RejectWebSocketAsync(HttpContext context)
    {
        using var webSocket = await AcceptAsync(context).ConfigureAwait(false);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await webSocket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "session already upgraded", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away first.
        }
    }

    private static Task<WebSocket> AcceptAsync(HttpContext context) =>
        context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            // Engine.IO has its own heartbeat; WebSocket-level pings would only add traffic.
            KeepAliveInterval = TimeSpan.Zero,
        });

    private OutboundFrame BuildOpenPacket(string sid, bool upgrades)
    {
        using var stream = new MemoryStream(160);
        stream.WriteByte((byte)'0');
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("sid", sid);
            writer.WriteStartArray("upgrades");
            if (upgrades)
            {
                writer.WriteStringValue("websocket");
            }

            writer.WriteEndArray();
            writer.WriteNumber("pingInterval", (long)Options.PingInterval.TotalMilliseconds);
            writer.WriteNumber("pingTimeout", (long)Options.PingTimeout.TotalMilliseconds);
            writer.WriteNumber("maxPayload", Options.MaxHttpBufferSize);
            writer.WriteEndObject();
        }

        return new OutboundFrame(stream.ToArray(), false);
    }
}
