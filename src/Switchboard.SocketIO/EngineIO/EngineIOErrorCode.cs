namespace Switchboard.SocketIO.EngineIO;

/// <summary>The Engine.IO server's HTTP error codes, sent as {"code":N,"message":"..."}.</summary>
public enum EngineIOErrorCode
{
    UnknownTransport = 0,
    UnknownSid = 1,
    BadHandshakeMethod = 2,
    BadRequest = 3,
    Forbidden = 4,
    UnsupportedProtocolVersion = 5,
}
