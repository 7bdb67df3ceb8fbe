using Microsoft.AspNetCore.Http;

namespace Switchboard.SocketIO.EngineIO;

internal static class EngineIOErrors
{
    public static string Message(EngineIOErrorCode code) => code switch
    {
        EngineIOErrorCode.UnknownTransport => "Transport unknown",
        EngineIOErrorCode.UnknownSid => "Session ID unknown",
        EngineIOErrorCode.BadHandshakeMethod => "Bad handshake method",
        EngineIOErrorCode.BadRequest => "Bad request",
        EngineIOErrorCode.Forbidden => "Forbidden",
        EngineIOErrorCode.UnsupportedProtocolVersion => "Unsupported protocol version",
        _ => "Unknown error",
    };

    /// <summary>Writes the error the way the Node server does: 403 for Forbidden, 400 otherwise.</summary>
    public static Task WriteAsync(HttpContext context, EngineIOErrorCode code) => WriteAsync(context, code, Message(code));

    /// <summary>Writes the error with a message of its own, as Node does for a refusal that gives one.</summary>
    public static Task WriteAsync(HttpContext context, EngineIOErrorCode code, string message)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return Task.CompletedTask;
        }

        response.StatusCode = code == EngineIOErrorCode.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        response.ContentType = "application/json";
        return response.WriteAsync($"{{\"code\":{(int)code},\"message\":{System.Text.Json.JsonSerializer.Serialize(message)}}}");
    }
}
