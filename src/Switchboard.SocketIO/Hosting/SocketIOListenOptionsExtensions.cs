using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.SocketIO;
using Switchboard.SocketIO.EngineIO.Connections;

namespace Microsoft.AspNetCore.Hosting;

/// <summary>Serves Socket.IO WebSockets straight from Kestrel's connections.</summary>
public static class SocketIOListenOptionsExtensions
{
    /// <summary>
    /// Serves WebSocket upgrades of the DI <see cref="SocketIOServer"/> at <paramref name="path"/> (the path given to
    /// <c>MapSocketIO</c>) from a connection handler: the upgrade is answered and framed (by the BCL's WebSocket)
    /// over the connection itself, with no HTTP/1.1 connection and request kept alive under the WebSocket (several KB
    /// per idle connection). Every other request on the endpoint (polling, other routes, a request
    /// the handler does not judge, e.g. one with forwarded headers) is Kestrel's as before. The Engine.IO checks
    /// (CORS, AllowRequest, limits, ClientAddress) run as on the HTTP path, but the app's middleware and the
    /// endpoint's conventions (authorization, host filtering, path base) do not: turn it on only where the
    /// Socket.IO endpoint depends on none of them. Add it after <c>UseHttps</c> so that it sees plain text.
    /// </summary>
    public static ListenOptions UseSocketIOWebSockets(this ListenOptions listenOptions, string path = "/socket.io")
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (listenOptions.ApplicationServices?.GetService<IServiceProviderIsService>() is { } isService && !isService.IsService(typeof(SocketIOServer)))
        {
            throw new InvalidOperationException("UseSocketIOWebSockets needs the Socket.IO server: call services.AddSocketIO() first.");
        }

        var handler = new EngineIOConnectionHandler(listenOptions, path);
        listenOptions.Use(next => connection => handler.OnConnectionAsync(connection, next));
        return listenOptions;
    }
}
