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

    /// <summary>Largest accepted message or polling POST body in bytes; advertised to clients as maxPayload.</summary>
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
    }
}
