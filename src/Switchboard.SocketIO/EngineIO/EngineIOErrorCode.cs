namespace Switchboard.SocketIO.EngineIO;

/// <summary>The Engine.IO server's HTTP error codes, sent as {"code":N,"message":"..."}.</summary>
public enum EngineIOErrorCode
{
    /// <summary>Code 0: the <c>transport</c> query parameter names no supported transport.</summary>
    UnknownTransport = 0,
    /// <summary>Code 1: the <c>sid</c> names no open session.</summary>
    UnknownSid = 1,
    /// <summary>Code 2: a handshake must be a GET.</summary>
    BadHandshakeMethod = 2,
    /// <summary>Code 3: the request is malformed or not allowed in the session's state.</summary>
    BadRequest = 3,
    /// <summary>Code 4: refused by an admission limit or the <c>AllowRequest</c> hook (HTTP 403).</summary>
    Forbidden = 4,
    /// <summary>Code 5: the <c>EIO</c> query parameter is not 4.</summary>
    UnsupportedProtocolVersion = 5,
}
