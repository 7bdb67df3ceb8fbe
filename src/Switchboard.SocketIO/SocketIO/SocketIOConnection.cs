using System.Text.Json;
using Microsoft.Extensions.Logging;
using Switchboard.SocketIO.EngineIO;

namespace Switchboard.SocketIO;

/// <summary>
/// The Socket.IO side of one Engine.IO session (Node: Client): decodes packets, multiplexes them
/// over the namespaces the client joined and enforces the connect timeout.
/// </summary>
internal sealed class SocketIOConnection
{
    private static readonly JsonElement EmptyAuth = JsonSerializer.Deserialize<JsonElement>("{}");

    private readonly SocketIOServer _server;
    private readonly PacketDecoder _decoder = new();
    private readonly Lock _sync = new();
    private readonly Dictionary<string, Socket> _sockets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _connecting = new(StringComparer.Ordinal);
    private Timer? _connectTimer;

    public SocketIOConnection(SocketIOServer server, EngineIOSocket connection)
    {
        _server = server;
        Connection = connection;
        connection.OnMessage(OnMessageAsync);
        connection.OnClose(OnClose);
        _connectTimer = new Timer(static state => ((SocketIOConnection)state!).OnConnectTimeout(), this, server.Options.ConnectTimeout, Timeout.InfiniteTimeSpan);
    }

    public EngineIOSocket Connection { get; }

    public bool IsOpen => Connection.IsOpen;

    public bool Send(in OutboundFrame frame) => Connection.TrySend(frame);

    public void AddSocket(Socket socket)
    {
        lock (_sync)
        {
            _sockets[socket.Namespace.Name] = socket;
            _connecting.Remove(socket.Namespace.Name);
        }
    }

    public void RemoveSocket(Socket socket)
    {
        lock (_sync)
        {
            if (_sockets.TryGetValue(socket.Namespace.Name, out var current) && current == socket)
            {
                _sockets.Remove(socket.Namespace.Name);
            }
        }
    }

    public void SendConnectError(string nsp, Exception error)
    {
        lock (_sync)
        {
            _connecting.Remove(nsp);
        }

        var data = (error as SocketIOConnectionException)?.ErrorData;
        Send(SocketIOEncoder.EncodeConnectError(nsp, error.Message, data, _server.Options.SerializerOptions));
    }

    /// <summary>Node's disconnect(true): every namespace gets a DISCONNECT, then the connection closes once flushed.</summary>
    public void DisconnectAll()
    {
        foreach (var socket in Snapshot())
        {
            socket.Disconnect(close: false);
        }

        Connection.Close(EngineIOCloseReason.ForcedClose, flush: true);
    }

    private ValueTask OnMessageAsync(EngineIOMessage message)
    {
        var status = message.Binary is { } binary
            ? _decoder.Add(binary, out var packet)
            : _decoder.Add(message.Text ?? string.Empty, out packet);

        if (status == DecodeStatus.Error)
        {
            Connection.Finish(EngineIOCloseReason.ParseError);
            return ValueTask.CompletedTask;
        }

        if (status == DecodeStatus.Complete && !Dispatch(packet!))
        {
            Connection.Finish(EngineIOCloseReason.ParseError);
        }

        return ValueTask.CompletedTask;
    }

    private bool Dispatch(SocketIOPacket packet)
    {
        if (packet.Type == SocketIOPacketType.Connect)
        {
            Connect(packet);
            return true;
        }

        if (packet.Type == SocketIOPacketType.ConnectError)
        {
            // Only a server sends CONNECT_ERROR.
            return false;
        }

        Socket? socket;
        lock (_sync)
        {
            _sockets.TryGetValue(packet.Namespace, out socket);
        }

        // Packets for a namespace the client has not joined are dropped, as the Node server does.
        return socket is null || socket.OnPacket(packet);
    }

    private void Connect(SocketIOPacket packet)
    {
        var name = packet.Namespace;
        var nsp = _server.GetNamespace(name);
        if (nsp is null)
        {
            Send(SocketIOEncoder.EncodeConnectError(name, "Invalid namespace", null, _server.Options.SerializerOptions));
            return;
        }

        lock (_sync)
        {
            if (_sockets.ContainsKey(name) || !_connecting.Add(name))
            {
                return;
            }
        }

        Interlocked.Exchange(ref _connectTimer, null)?.Dispose();
        var connecting = nsp.ConnectAsync(this, packet.Data ?? EmptyAuth);
        if (!connecting.IsCompleted)
        {
            _ = ObserveAsync(connecting, name);
        }
        else if (connecting.IsFaulted)
        {
            _server.Logger.LogError(connecting.Exception, "Connection to namespace {Namespace} failed", name);
        }
    }

    private async Task ObserveAsync(Task connecting, string nsp)
    {
        try
        {
            await connecting.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _server.Logger.LogError(ex, "Connection to namespace {Namespace} failed", nsp);
        }
    }

    private void OnConnectTimeout()
    {
        bool idle;
        lock (_sync)
        {
            idle = _sockets.Count == 0 && _connecting.Count == 0;
        }

        if (idle)
        {
            Connection.Close(EngineIOCloseReason.ForcedClose, flush: true);
        }
    }

    private void OnClose(string reason)
    {
        Interlocked.Exchange(ref _connectTimer, null)?.Dispose();
        var socketReason = reason == EngineIOCloseReason.ForcedClose ? DisconnectReason.ForcedServerClose : reason;
        foreach (var socket in Snapshot())
        {
            socket.OnClose(socketReason);
        }
    }

    private Socket[] Snapshot()
    {
        lock (_sync)
        {
            return [.. _sockets.Values];
        }
    }
}
