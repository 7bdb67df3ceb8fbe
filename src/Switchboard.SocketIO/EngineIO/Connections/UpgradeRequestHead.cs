using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Switchboard.SocketIO.EngineIO.Connections;

/// <summary>
/// The head of a connection's first HTTP/1.1 request, parsed only as far as needed to tell whether it is a plain
/// WebSocket upgrade. Parsing is strict on purpose: anything unusual (obs-fold, non-ASCII, a body, HTTP/1.0,
/// an encoded path) is not judged here but left to Kestrel, which answers it exactly as it always has.
/// </summary>
internal sealed class UpgradeRequestHead
{
    private UpgradeRequestHead(string path, string query, IHeaderDictionary headers)
    {
        Path = path;
        Query = query;
        Headers = headers;
    }

    /// <summary>The path of the request target (never percent-encoded: such targets are left to Kestrel).</summary>
    public string Path { get; }

    /// <summary>The query string with its leading '?', or empty.</summary>
    public string Query { get; }

    public IHeaderDictionary Headers { get; }

    /// <summary>Parses <paramref name="head"/> (request line and headers, without the blank line ending them).</summary>
    public static UpgradeRequestHead? TryParse(ReadOnlySequence<byte> head, int maxRequestLine, int maxHeadersTotal, int maxHeaderCount)
    {
        var text = Encoding.ASCII.GetString(head);
        foreach (var c in text)
        {
            // Control characters other than CR, LF and TAB, and anything beyond ASCII: Kestrel's decision.
            if (c > '~' || (c < ' ' && c is not '\r' and not '\n' and not '\t'))
            {
                return null;
            }
        }

        var lines = text.Split("\r\n");
        var requestLine = lines[0];
        // Kestrel's limits, counted generously (with the line ends): a head near them is Kestrel's to refuse.
        if (requestLine.Length > maxRequestLine || text.Length - requestLine.Length > maxHeadersTotal || lines.Length - 1 > maxHeaderCount)
        {
            return null;
        }

        var parts = requestLine.Split(' ');
        if (parts.Length != 3 || parts[0] != "GET" || parts[2] != "HTTP/1.1" || parts[1].Length == 0 || parts[1][0] != '/')
        {
            return null;
        }

        var target = parts[1];
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? target : target[..queryStart];
        var query = queryStart < 0 ? string.Empty : target[queryStart..];
        if (path.Contains('%', StringComparison.Ordinal) || path.Contains("//", StringComparison.Ordinal) || query.Contains('#', StringComparison.Ordinal))
        {
            return null;
        }

        IHeaderDictionary headers = new HeaderDictionary();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !IsToken(line.AsSpan(0, colon)) || line.Contains('\n', StringComparison.Ordinal))
            {
                return null;
            }

            var name = KnownName(line.AsSpan(0, colon)) ?? line[..colon];
            var value = line[(colon + 1)..].Trim(' ', '\t');
            headers[name] = headers.TryGetValue(name, out var existing) ? Microsoft.Extensions.Primitives.StringValues.Concat(existing, value) : value;
        }

        // A request body, or a second Host, would need Kestrel's own rules.
        if (headers.ContainsKey("Content-Length") || headers.ContainsKey("Transfer-Encoding") || headers.Host.Count != 1 || headers.Host[0]!.Length == 0)
        {
            return null;
        }

        return new UpgradeRequestHead(path, query, headers);
    }

    /// <summary>
    /// The shared instance of a usual header name: the session's copy of the handshake headers lives as long as the
    /// connection, and Kestrel, too, keeps no per-request copy of these names.
    /// </summary>
    private static string? KnownName(ReadOnlySpan<char> name)
    {
        foreach (var known in KnownNames)
        {
            if (name.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return null;
    }

    private static readonly string[] KnownNames =
    [
        "Host", "Connection", "Upgrade", "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Extensions",
        "Sec-WebSocket-Protocol", "Origin", "User-Agent", "Accept", "Accept-Encoding", "Accept-Language", "Cookie",
        "Authorization", "Cache-Control", "Pragma",
    ];

    private static bool IsToken(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c)))
            {
                return false;
            }
        }

        return true;
    }
}
