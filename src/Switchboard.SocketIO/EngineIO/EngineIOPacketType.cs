namespace Switchboard.SocketIO.EngineIO;

/// <summary>Engine.IO v4 packet types; the numeric value is the character sent on the wire.</summary>
public enum EngineIOPacketType : byte
{
    /// <summary>0: the handshake answer.</summary>
    Open = 0,
    /// <summary>1: closes the session.</summary>
    Close = 1,
    /// <summary>2: heartbeat request (also <c>2probe</c> during an upgrade).</summary>
    Ping = 2,
    /// <summary>3: heartbeat answer (also <c>3probe</c> during an upgrade).</summary>
    Pong = 3,
    /// <summary>4: application data.</summary>
    Message = 4,
    /// <summary>5: completes the upgrade to WebSocket.</summary>
    Upgrade = 5,
    /// <summary>6: ends a pending poll during an upgrade.</summary>
    Noop = 6,
}
