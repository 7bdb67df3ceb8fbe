using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Switchboard.SocketIO.EngineIO.Connections;

/// <summary>
/// An HttpContext made from a request head the connection handler read, so the Engine.IO server runs its one
/// handshake path (CORS, allowRequest, limits, client address, the session's request info) on it unchanged. It
/// is much smaller than Kestrel's: no request pipes, no connection-wide HTTP state.
/// </summary>
internal static class ConnectionRequestContext
{
    public static (DefaultHttpContext Context, MemoryStream Body, ConnectionWebSocketFeature WebSockets) Create(ConnectionContext connection, UpgradeRequestHead request, EngineIOServer engine)
    {
        var features = new FeatureCollection();
        var isHttps = connection.Features.Get<ITlsHandshakeFeature>() is not null;
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Method = HttpMethods.Get,
            Scheme = isHttps ? "https" : "http",
            PathBase = string.Empty,
            Path = request.Path,
            QueryString = request.Query,
            RawTarget = request.Path + request.Query,
            Headers = request.Headers,
        });
        features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        var body = new MemoryStream();
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(body));
        var remote = connection.RemoteEndPoint as IPEndPoint;
        var local = connection.LocalEndPoint as IPEndPoint;
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            ConnectionId = connection.ConnectionId,
            RemoteIpAddress = remote?.Address,
            RemotePort = remote?.Port ?? 0,
            LocalIpAddress = local?.Address,
            LocalPort = local?.Port ?? 0,
        });
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = connection.ConnectionClosed });
        var context = new DefaultHttpContext(features);
        var webSockets = new ConnectionWebSocketFeature(connection, context, request.Headers.SecWebSocketKey.ToString(), engine);
        features.Set<IHttpWebSocketFeature>(webSockets);
        return (context, body, webSockets);
    }

    /// <summary>Writes a refusal (status, headers, body) the way Kestrel would, then the connection closes.</summary>
    public static async Task WriteResponseAsync(ConnectionContext connection, HttpResponse response, MemoryStream body, TimeProvider time)
    {
        var status = response.StatusCode;
        var head = new StringBuilder("HTTP/1.1 ")
            .Append(status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(ReasonPhrases.GetReasonPhrase(status)).Append("\r\n")
            .Append("Date: ").Append(time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
        foreach (var (name, values) in response.Headers)
        {
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Connection", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) || name.Equals("Date", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var value in values)
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        head.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\nConnection: close\r\n\r\n");
        try
        {
            var output = connection.Transport.Output;
            output.Write(Encoding.ASCII.GetBytes(head.ToString()));
            output.Write(body.GetBuffer().AsSpan(0, (int)body.Length));
            await output.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ConnectionResetException or OperationCanceledException or InvalidOperationException)
        {
            // The client went away.
        }
    }
}
