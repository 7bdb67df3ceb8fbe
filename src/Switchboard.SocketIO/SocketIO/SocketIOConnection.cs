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
    private readonly PacketDecoder _decoder;
    private readonly Lock _sync = new();
    private readonly Dictionary<string, Socket> _sockets = new(StringComparer.Ordinal);
    // Namespaces whose CONNECT is running; made on the first CONNECT and dropped once none runs, so an idle
    // connection keeps no set (with its entry array) of its own.
    private HashSet<string>? _connecting;
    private ITimer? _connectTimer;
    private bool _closed;
    private bool _connectedOnce;

    public SocketIOConnection(SocketIOServer server, EngineIOSocket connection)
    {
        _server = server;
        Connection = connection;
        _decoder = new PacketDecoder(server.Options.MaxAttachments, server.Options.MaxHttpBufferSize);
        connection.OnMessage(OnMessageAsync);
        connection.OnClose(OnClose);

        // Armed until a CONNECT succeeds: refused or pending ones do not stop it (as in Node's Client).
        var timer = server.Engine.Time.CreateTimer(static state => ((SocketIOConnection)state!).OnConnectTimeout(), this, server.Options.ConnectTimeout, Timeout.InfiniteTimeSpan);
        bool closed;
        lock (_sync)
        {
            closed = _closed;
            if (!closed)
            {
                _connectTimer = timer;
            }
        }

        if (closed)
        {
            timer.Dispose();
        }
    }

    public EngineIOSocket Connection { get; }

    public bool IsOpen => Connection.IsOpen;

    public bool Send(in OutboundFrame frame, BroadcastFanOut? fanOut = null) => Connection.TrySend(frame, fanOut);

    /// <summary>
    /// Registers a socket whose middlewares have passed, unless this connection has closed: then it is
    /// refused, and the caller must drop it. Atomic with <see cref="OnClose"/>: a socket is either refused
    /// here or seen (and closed) there, never neither.
    /// </summary>
    public bool TryAddSocket(Socket socket)
    {
        ITimer? timer;
        lock (_sync)
        {
            EndConnecting(socket.Namespace.Name);
            if (_closed || !Connection.IsOpen)
            {
                return false;
            }

            _sockets[socket.Namespace.Name] = socket;
            _connectedOnce = true;
            timer = _connectTimer;
            _connectTimer = null;
        }

        timer?.Dispose();
        return true;
    }

    /// <summary>A CONNECT that ended without a socket (the connection closed while middlewares ran).</summary>
    public void ConnectAbandoned(string nsp)
    {
        lock (_sync)
        {
            EndConnecting(nsp);
        }
    }

    /// <summary>Under <see cref="_sync"/>.</summary>
    private void EndConnecting(string nsp)
    {
        if (_connecting is { } connecting && connecting.Remove(nsp) && connecting.Count == 0)
        {
            _connecting = null;
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
            EndConnecting(nsp);
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

        if (status == DecodeStatus.TooLarge)
        {
            _decoder.Reset();
            Connection.FinishTooLarge();
            return ValueTask.CompletedTask;
        }

        if (status == DecodeStatus.WaitingForAttachments && !IsConnectedTo(_decoder.Pending!.Namespace))
        {
            // No attachment is buffered for a namespace the client has not connected to (Node closes
            // the connection on any packet in that state: "invalid state").
            _decoder.Reset();
            status = DecodeStatus.Error;
        }

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
            if (_closed || _sockets.ContainsKey(name) || !(_connecting ??= new(StringComparer.Ordinal)).Add(name))
            {
                return;
            }
        }

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

    private bool IsConnectedTo(string nsp)
    {
        lock (_sync)
        {
            return _sockets.TryGetValue(nsp, out var socket) && socket.Connected;
        }
    }

    private void OnConnectTimeout()
    {
        bool connected;
        lock (_sync)
        {
            // Like Node: a CONNECT still in its middlewares does not keep the connection open.
            connected = _connectedOnce;
        }

        if (!connected)
        {
            Connection.Close(EngineIOCloseReason.ForcedClose, flush: true);
        }
    }

    private void OnClose(string reason)
    {
        ITimer? timer;
        Socket[] sockets;
        lock (_sync)
        {
            // From here on TryAddSocket refuses, so every socket that will ever be registered is in this snapshot.
            _closed = true;
            timer = _connectTimer;
            _connectTimer = null;
            sockets = [.. _sockets.Values];
        }

        timer?.Dispose();
        var socketReason = reason == EngineIOCloseReason.ForcedClose ? DisconnectReason.ForcedServerClose : reason;
        foreach (var socket in sockets)
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
