using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Switchboard.SocketIO.EngineIO.Connections;

/// <summary>
/// Kestrel connection middleware that serves Engine.IO WebSocket upgrades itself: it reads the connection's first
/// request head without consuming it and, when that is a WebSocket upgrade of the Engine.IO path, answers it and
/// runs the WebSocket over the connection's pipes. Kestrel's HTTP/1.1 connection and request (HttpContext, header
/// collections, request pipes, their state machines: about 8 KB) are then never created, where the HTTP path keeps
/// them alive under every WebSocket for its whole life. Everything else goes to Kestrel, bytes untouched.
/// </summary>
internal sealed class EngineIOConnectionHandler
{
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();

    private readonly ListenOptions _listenOptions;
    private readonly string _path;
    private readonly byte[] _getPath;
    private readonly byte[] _pathBytes;
    private readonly Lazy<Served> _served;

    public EngineIOConnectionHandler(ListenOptions listenOptions, string path)
    {
        _listenOptions = listenOptions;
        _path = "/" + path.Trim('/');
        _getPath = Encoding.ASCII.GetBytes("GET " + _path);
        _pathBytes = Encoding.ASCII.GetBytes(_path);
        _served = new Lazy<Served>(() =>
        {
            var services = _listenOptions.ApplicationServices;
            return new Served(
                services.GetRequiredService<SocketIOServer>().Engine,
                services.GetRequiredService<IServiceScopeFactory>(),
                services.GetService<ILoggerFactory>()?.CreateLogger<EngineIOConnectionHandler>());
        });
    }

    public async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        // The handshake runs in methods of its own that complete once it is answered: what stays awaited for the
        // WebSocket's whole life is this method and the WebSocket's loop, not the request they were made from.
        var life = await HandshakeAsync(connection).ConfigureAwait(false);
        if (life is null)
        {
            await next(connection).ConfigureAwait(false);
            return;
        }

        try
        {
            await life.ConfigureAwait(false);
        }
        catch (Exception ex) when (IsGone(ex))
        {
            // The client went away.
        }
    }

    /// <summary>The WebSocket's life when the connection is an upgrade of ours (completed if it was refused); null when it is Kestrel's.</summary>
    private async Task<Task?> HandshakeAsync(ConnectionContext connection) =>
        await TakeUpgradeAsync(connection).ConfigureAwait(false) is { } request
            ? await ServeAsync(connection, request).ConfigureAwait(false)
            : null;

    /// <summary>
    /// The head of an Engine.IO WebSocket upgrade, consumed from the connection; null when the connection is
    /// Kestrel's, with every byte left in place and nothing marked examined that Kestrel has not yet seen.
    /// </summary>
    private async Task<ConnectionRequest?> TakeUpgradeAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        var limits = _listenOptions.KestrelServerOptions.Limits;
        var maxHead = (long)limits.MaxRequestLineSize + limits.MaxRequestHeadersTotalSize;
        // A pipe refuses an examined position behind the last one; this is how far the previous read examined.
        long examined = 0;
        HeadTimeout? timeout = null;
        try
        {
            while (true)
            {
                ReadResult result;
                try
                {
                    result = await input.ReadAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or ConnectionResetException or ConnectionAbortedException or OperationCanceledException)
                {
                    // A connection that failed before sending its head: Kestrel's to handle (and log) as always.
                    return null;
                }

                var buffer = result.Buffer;
                var reader = new SequenceReader<byte>(buffer);
                var complete = reader.TryReadTo(out ReadOnlySequence<byte> head, HeadEnd, advancePastDelimiter: true);
                if (!complete)
                {
                    if (result.IsCanceled || result.IsCompleted || buffer.Length > maxHead || !MayBeOurs(buffer, limits.MaxRequestLineSize))
                    {
                        input.AdvanceTo(buffer.Start, buffer.GetPosition(examined));
                        return null;
                    }

                    // The head comes in pieces: wait for the rest, but no longer than Kestrel would.
                    timeout ??= new HeadTimeout(input, limits.RequestHeadersTimeout);
                    examined = buffer.Length;
                    input.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                }

                var request = head.Length <= maxHead && MayBeOurs(head, limits.MaxRequestLineSize)
                    ? UpgradeRequestHead.TryParse(head, limits.MaxRequestLineSize, limits.MaxRequestHeadersTotalSize, limits.MaxRequestHeaderCount)
                    : null;
                if (request is null || !IsOurUpgrade(request) || timeout?.Fired == true)
                {
                    input.AdvanceTo(buffer.Start, buffer.GetPosition(examined));
                    return null;
                }

                input.AdvanceTo(reader.Position);
                var (context, body, webSockets) = ConnectionRequestContext.Create(connection, request, _served.Value.Engine);
                return new ConnectionRequest(context, body, webSockets);
            }
        }
        finally
        {
            timeout?.Dispose();
        }
    }

    /// <summary>
    /// Whether the request line (or what has come of it) can still be a WebSocket request of the Engine.IO path: the
    /// cheap test that sends every other request (polling, other routes) on to Kestrel without parsing or allocating.
    /// </summary>
    private bool MayBeOurs(ReadOnlySequence<byte> buffer, int maxRequestLine)
    {
        var reader = new SequenceReader<byte>(buffer);
        var lineComplete = reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n');
        if (!lineComplete)
        {
            line = buffer;
        }

        if (line.Length > maxRequestLine + 1)
        {
            return false;
        }

        var length = (int)line.Length;
        var rented = length > 512 ? ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            Span<byte> bytes = rented is null ? stackalloc byte[512] : rented;
            bytes = bytes[..length];
            line.CopyTo(bytes);
            return MayBeOurs(bytes, lineComplete);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private bool MayBeOurs(ReadOnlySpan<byte> bytes, bool lineComplete)
    {
        var prefixLength = 4 + _pathBytes.Length;
        var seen = Math.Min(bytes.Length, prefixLength);
        if (!Ascii.EqualsIgnoreCase(bytes[..seen], _getPath.AsSpan(0, seen)))
        {
            return false;
        }

        // Complete: the path ends after the prefix ('/', '?' or ' ') and the query names the websocket transport.
        return !lineComplete
            || (bytes.Length > prefixLength && bytes[prefixLength] is (byte)'/' or (byte)'?' or (byte)' '
                && bytes.IndexOf("transport=websocket"u8) > 0);
    }

    /// <summary>What ASP.NET Core's WebSocket middleware requires, on the Engine.IO path, for the websocket transport.</summary>
    private bool IsOurUpgrade(UpgradeRequestHead request)
    {
        var path = request.Path;
        if (!(path.Equals(_path, StringComparison.OrdinalIgnoreCase) || (path.Length == _path.Length + 1 && path.EndsWith('/') && path.StartsWith(_path, StringComparison.OrdinalIgnoreCase))))
        {
            return false;
        }

        var headers = request.Headers;
        // Behind a proxy the app's forwarded-headers middleware decides the client's address and scheme, which the
        // limits and CORS depend on: such requests take the HTTP path, where that middleware runs.
        if (headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("X-Forwarded-Proto") || headers.ContainsKey("X-Forwarded-Host") || headers.ContainsKey("Forwarded"))
        {
            return false;
        }

        return QueryHelpers.ParseQuery(request.Query).TryGetValue("transport", out var transport) && transport == "websocket"
            && string.Equals(headers.Upgrade, "websocket", StringComparison.OrdinalIgnoreCase)
            && HasToken(headers.Connection, "upgrade")
            && headers.SecWebSocketVersion == "13"
            && headers.SecWebSocketKey.Count == 1 && ConnectionWebSocketFeature.IsValidKey(headers.SecWebSocketKey.ToString());
    }

    private static bool HasToken(StringValues values, string token)
    {
        foreach (var value in values)
        {
            foreach (var part in (value ?? string.Empty).Split(','))
            {
                if (part.Trim().Equals(token, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private async Task<Task> ServeAsync(ConnectionContext connection, ConnectionRequest request)
    {
        var served = _served.Value;
        var (context, body, webSockets) = request;
        var services = new ScopedServicesFeature(served.ScopeFactory);
        context.Features.Set<IServiceProvidersFeature>(services);
        try
        {
            await served.Engine.HandleRequestAsync(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (!webSockets.Accepted)
        {
            // As Kestrel answers a request whose handler throws before answering.
            served.Logger?.LogError(ex, "Engine.IO WebSocket handshake failed");
            context.Response.Headers.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            body.SetLength(0);
        }
        catch (Exception ex) when (IsGone(ex))
        {
            // The client went away.
        }

        if (!webSockets.Accepted)
        {
            await ConnectionRequestContext.WriteResponseAsync(connection, context.Response, body, served.Engine.Time).ConfigureAwait(false);
            await services.DisposeAsync().ConfigureAwait(false);
            return Task.CompletedTask;
        }

        // Request-scoped services live as long as the WebSocket, as on the HTTP path (where the request does); none
        // can be asked for once the WebSocket is accepted (the request is released then), so an unused scope ends here.
        if (!services.HasScope)
        {
            return webSockets.Life ?? Task.CompletedTask;
        }

        return LiveAsync(webSockets.Life, services);
    }

    private static async Task LiveAsync(Task? life, ScopedServicesFeature services)
    {
        try
        {
            if (life is not null)
            {
                await life.ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (IsGone(ex))
        {
            // The client went away.
        }
        finally
        {
            await services.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static bool IsGone(Exception ex) =>
        ex is IOException or ConnectionResetException or OperationCanceledException or System.Net.WebSockets.WebSocketException;

    /// <summary>A request taken from the connection; its head itself is not kept (the context holds what is needed).</summary>
    private sealed record ConnectionRequest(DefaultHttpContext Context, MemoryStream Body, ConnectionWebSocketFeature WebSockets);

    private sealed record Served(EngineIOServer Engine, IServiceScopeFactory ScopeFactory, ILogger? Logger);
}
