namespace Switchboard.SocketIO.EngineIO;

/// <summary>CORS for the polling transport (WebSocket is not subject to CORS).</summary>
public sealed class EngineIOCorsOptions
{
    /// <summary>Allowed origins; "*" allows any origin.</summary>
    public IList<string> Origins { get; set; } = ["*"];

    /// <summary>Sends Access-Control-Allow-Credentials: true (the request's origin is then echoed instead of "*").</summary>
    public bool AllowCredentials { get; set; }

    /// <summary>Headers allowed in preflight answers; null echoes the requested headers.</summary>
    public IList<string>? AllowedHeaders { get; set; }

    internal bool AllowsAnyOrigin => Origins.Contains("*");

    internal bool IsAllowed(string origin) =>
        AllowsAnyOrigin || Origins.Any(o => string.Equals(o, origin, StringComparison.OrdinalIgnoreCase));
}
