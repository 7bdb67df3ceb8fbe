namespace Switchboard.SocketIO.EngineIO;

/// <summary>Engine.IO v4 packet types; the numeric value is the character sent on the wire.</summary>
public enum EngineIOPacketType : byte
{
    Open = 0,
    Close = 1,
    Ping = 2,
    Pong = 3,
    Message = 4,
    Upgrade = 5,
    Noop = 6,
}
