using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Switchboard.SocketIO.EngineIO;

/// <summary>
/// A copy of what the handshake request said; copied because ASP.NET Core recycles the HttpContext
/// when the request ends while the session lives on.
/// </summary>
public sealed class EngineIORequestInfo
{
    internal EngineIORequestInfo(HttpContext context, TimeProvider time)
    {
        var request = context.Request;
        Headers = new HandshakeValues(request.Headers, StringComparer.OrdinalIgnoreCase);
        Query = new HandshakeValues(request.Query, StringComparer.Ordinal);
        RemoteAddress = context.Connection.RemoteIpAddress?.ToString() ?? string.Empty;
        IsHttps = request.IsHttps;
        Url = request.PathBase + request.Path + request.QueryString;
        Time = time.GetUtcNow();
    }

    /// <summary>The request headers of the handshake.</summary>
    public IReadOnlyDictionary<string, StringValues> Headers { get; }

    /// <summary>The query parameters of the handshake.</summary>
    public IReadOnlyDictionary<string, StringValues> Query { get; }

    /// <summary>The client's address (after the configured forwarded-header handling).</summary>
    public string RemoteAddress { get; }

    /// <summary>Whether the handshake came over HTTPS.</summary>
    public bool IsHttps { get; }

    /// <summary>The handshake's path and query.</summary>
    public string Url { get; }

    /// <summary>When the handshake arrived.</summary>
    public DateTimeOffset Time { get; }
}
