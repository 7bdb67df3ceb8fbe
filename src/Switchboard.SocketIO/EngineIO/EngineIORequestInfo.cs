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
        Headers = request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        Query = request.Query.ToDictionary(q => q.Key, q => q.Value, StringComparer.Ordinal);
        RemoteAddress = context.Connection.RemoteIpAddress?.ToString() ?? string.Empty;
        IsHttps = request.IsHttps;
        Url = request.PathBase + request.Path + request.QueryString;
        Time = time.GetUtcNow();
    }

    public IReadOnlyDictionary<string, StringValues> Headers { get; }

    public IReadOnlyDictionary<string, StringValues> Query { get; }

    public string RemoteAddress { get; }

    public bool IsHttps { get; }

    public string Url { get; }

    public DateTimeOffset Time { get; }
}
