using Microsoft.AspNetCore.Http;

namespace Switchboard.SocketIO.EngineIO;

/// <summary>Engine.IO server settings (names follow the Node.js server's options).</summary>
public class EngineIOOptions
{
    /// <summary>How often the server sends a ping (Node: pingInterval, 25 s).</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>How long the server waits for the pong before closing with "ping timeout" (Node: pingTimeout, 20 s).</summary>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a WebSocket upgrade may take between the probe and the upgrade packet.</summary>
    public TimeSpan UpgradeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Largest accepted message or polling POST body in bytes; advertised to clients as maxPayload.
    /// Socket.IO also caps one packet together with all its binary attachments at this size.
    /// </summary>
    public int MaxHttpBufferSize { get; set; } = 1_000_000;

    /// <summary>Enabled transports: "polling" and/or "websocket".</summary>
    public IList<string> Transports { get; set; } = ["polling", "websocket"];

    /// <summary>Whether polling sessions may upgrade to WebSocket.</summary>
    public bool AllowUpgrades { get; set; } = true;

    /// <summary>
    /// Capacity of each connection's send queue, in packets. A client whose queue is full is
    /// disconnected ("transport error") instead of slowing the sender down.
    /// </summary>
    public int MaxBufferedPackets { get; set; } = 1024;

    /// <summary>Cross-origin settings; null sends no CORS headers.</summary>
    public EngineIOCorsOptions? Cors { get; set; }

    /// <summary>Optional handshake filter; returning false answers 403 {"code":4,"message":"Forbidden"}.</summary>
    public Func<HttpContext, ValueTask<bool>>? AllowRequest { get; set; }

    /// <summary>How long a closing polling session waits for the client to fetch its last packets.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most open sessions on this server, all clients together; a handshake beyond it is refused with
    /// 403 {"code":4,"message":"Too many sessions"}. 0 means no limit.
    /// </summary>
    public int MaxSessions { get; set; } = 100_000;

    /// <summary>
    /// Most open sessions per client address (see <see cref="ClientAddress"/>); a handshake beyond it is
    /// refused with 403 {"code":4,"message":"Too many sessions from this address"}. 0 means no limit.
    /// </summary>
    public int MaxSessionsPerAddress { get; set; } = 1_000;

    /// <summary>
    /// Handshakes allowed per client address within <see cref="HandshakeRateWindow"/> (a token bucket: this
    /// many at once, refilled evenly over the window). Beyond it: 403 {"code":4,"message":"Too many
    /// handshakes from this address"} with Retry-After. 0 means no limit.
    /// </summary>
    public int MaxHandshakesPerAddress { get; set; } = 600;

    /// <summary>The window of <see cref="MaxHandshakesPerAddress"/>.</summary>
    public TimeSpan HandshakeRateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The key the per-address limits count by; null exempts the request from them (<see cref="MaxSessions"/>
    /// still applies). The default, <see cref="EngineIOClientAddress.Default"/>, is the remote IP address
    /// (what UseForwardedHeaders made of it behind a proxy), an IPv6 address grouped by its /64 prefix,
    /// and null for loopback clients.
    /// </summary>
    public Func<HttpContext, string?> ClientAddress { get; set; } = EngineIOClientAddress.Default;

    /// <summary>
    /// The clock of the heartbeat (ping interval and ping timeout), the connect timeout, the close delay and
    /// the handshake rate; null takes the TimeProvider registered in DI, else <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    internal void CopyTo(EngineIOOptions target)
    {
        target.PingInterval = PingInterval;
        target.PingTimeout = PingTimeout;
        target.UpgradeTimeout = UpgradeTimeout;
        target.MaxHttpBufferSize = MaxHttpBufferSize;
        target.Transports = [.. Transports];
        target.AllowUpgrades = AllowUpgrades;
        target.MaxBufferedPackets = MaxBufferedPackets;
        target.Cors = Cors;
        target.AllowRequest = AllowRequest;
        target.CloseTimeout = CloseTimeout;
        target.MaxSessions = MaxSessions;
        target.MaxSessionsPerAddress = MaxSessionsPerAddress;
        target.MaxHandshakesPerAddress = MaxHandshakesPerAddress;
        target.HandshakeRateWindow = HandshakeRateWindow;
        target.ClientAddress = ClientAddress;
        target.TimeProvider = TimeProvider;
    }
}
