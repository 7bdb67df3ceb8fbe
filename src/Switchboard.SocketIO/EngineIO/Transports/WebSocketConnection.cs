using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace Switchboard.SocketIO.EngineIO.Transports;

/// <summary>
/// The WebSocket transport of one session: a read loop that feeds the session and a write loop
/// that drains its queue, so a slow reader on the other side only ever delays its own queue.
/// </summary>
internal sealed class WebSocketConnection
{
    private const int InitialBufferSize = 4096;

    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DeliverAlonePause = TimeSpan.FromMilliseconds(2);

    private readonly WebSocket _webSocket;
    private readonly EngineIOSocket _session;
    private readonly int _maxPayload;
    private byte[] _buffer;

    public WebSocketConnection(WebSocket webSocket, EngineIOSocket session)
    {
        _webSocket = webSocket;
        _session = session;
        _maxPayload = session.Options.MaxHttpBufferSize;
        _buffer = [];
    }

    /// <summary>Runs the WebSocket until the session ends, then disposes it.</summary>
    public async Task RunAsync(bool upgrade, CancellationToken aborted)
    {
        try
        {
            if (upgrade && !await ProbeAsync(aborted).ConfigureAwait(false))
            {
                _session.AbortUpgrade();
                await CloseOutputAsync(WebSocketCloseStatus.PolicyViolation).ConfigureAwait(false);
                return;
            }

            // Once the session is gone, give the peer a moment to answer our close frame, then abort. The
            // reads themselves take no cancellation token: a token would keep a linked source and three
            // registrations alive per idle connection; aborting the WebSocket ends a pending read just the
            // same, and a client that goes away ends it through Kestrel. The session calls back directly rather
            // than through a registration on its Closed token (two objects fewer per connection).
            _session.AbortOnFinish(_webSocket);
            var writer = WriteLoopAsync();
            await ReadLoopAsync().ConfigureAwait(false);
            _session.Finish(EngineIOCloseReason.TransportClose);
            await writer.ConfigureAwait(false);
        }
        finally
        {
            ReleaseBuffer();
            // The connection owns the WebSocket from here on (the request that accepted it may be gone).
            _webSocket.Dispose();
        }
    }

    internal static async Task AbortAfterGraceAsync(WebSocket webSocket)
    {
        await Task.Delay(CloseGrace).ConfigureAwait(false);
        webSocket.Abort();
    }

    private async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_session.Options.UpgradeTimeout);
        try
        {
            var (type, length) = await ReceiveAsync(timeout.Token).ConfigureAwait(false);
            if (type != WebSocketMessageType.Text
                || !EngineIOParser.TryDecodePacket(_buffer.AsSpan(0, length), out var probe)
                || probe.Type != EngineIOPacketType.Ping || probe.Text != "probe" || !_session.IsOpen)
            {
                return false;
            }

            await _webSocket.SendAsync(OutboundFrame.PongProbe, WebSocketMessageType.Text, true, timeout.Token).ConfigureAwait(false);
            _session.BeginUpgrade();

            (type, length) = await ReceiveAsync(timeout.Token).ConfigureAwait(false);
            if (type != WebSocketMessageType.Text
                || !EngineIOParser.TryDecodePacket(_buffer.AsSpan(0, length), out var upgrade)
                || upgrade.Type != EngineIOPacketType.Upgrade || !_session.IsOpen)
            {
                return false;
            }

            _session.CompleteUpgrade();
            return true;
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            return false;
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                // The idle wait is awaited here rather than inside ReceiveAsync, so an idle connection keeps
                // no pending ReceiveAsync state machine besides this loop's.
                ReleaseBuffer();
                var header = await _webSocket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None).ConfigureAwait(false);
                var (type, length) = header.MessageType == WebSocketMessageType.Close || header.EndOfMessage
                    ? (header.MessageType, 0)
                    : await ReceiveAsync(CancellationToken.None).ConfigureAwait(false);
                if (type == WebSocketMessageType.Close)
                {
                    return;
                }

                if (length < 0)
                {
                    _session.FinishTooLarge();
                    return;
                }

                EngineIOPacket packet;
                if (type == WebSocketMessageType.Binary)
                {
                    packet = new EngineIOPacket(_buffer.AsSpan(0, length).ToArray());
                }
                else if (!EngineIOParser.TryDecodePacket(_buffer.AsSpan(0, length), out packet))
                {
                    _session.Finish(EngineIOCloseReason.ParseError);
                    return;
                }

                ReleaseBuffer();
                await _session.OnPacketAsync(packet).ConfigureAwait(false);
                if (_session.IsClosed)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException)
        {
            _session.Finish(EngineIOCloseReason.TransportClose);
        }
    }

    /// <summary>Receives one whole message into <see cref="_buffer"/>; a length of -1 means it exceeded maxPayload.</summary>
    /// <remarks>
    /// Pooled builder: every message that is not already buffered completes asynchronously, and would otherwise
    /// allocate a new state machine box per message (6.6 % of the bytes allocated by an echo round trip).
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(WebSocketMessageType Type, int Length)> ReceiveAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        if (_buffer.Length == 0)
        {
            // Wait for the next frame's header without holding a buffer (a zero-byte receive): an idle
            // connection, the usual state of most of them, then keeps no 4 KB array rented.
            var header = await _webSocket.ReceiveAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
            if (header.MessageType == WebSocketMessageType.Close)
            {
                return (WebSocketMessageType.Close, 0);
            }

            if (header.EndOfMessage)
            {
                return (header.MessageType, 0);
            }

            _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        }

        while (true)
        {
            if (length == _buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                _buffer.AsSpan(0, length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }

            var result = await _webSocket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (WebSocketMessageType.Close, 0);
            }

            length += result.Count;
            if (length > _maxPayload)
            {
                // The write loop sends the close frame: two concurrent sends are not allowed.
                return (result.MessageType, -1);
            }

            if (result.EndOfMessage)
            {
                return (result.MessageType, length);
            }
        }
    }

    /// <summary>The decoded packet owns copies of its data, so the buffer goes back to the pool between messages.</summary>
    private void ReleaseBuffer()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private async Task WriteLoopAsync()
    {
        // Never released: from now on this WebSocket is the only consumer of the session's queue.
        await _session.ReaderGate.WaitAsync().ConfigureAwait(false);
        var reader = _session.Reader;
        var closeMarker = false;
        try
        {
            while (!closeMarker && await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame))
                {
                    if (frame.IsCloseMarker)
                    {
                        closeMarker = true;
                        break;
                    }

                    if (_session.IsClosed)
                    {
                        break;
                    }

                    await _webSocket.SendAsync(frame.Data, frame.IsBinary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
                    if (frame.Attachments is { } attachments)
                    {
                        foreach (var attachment in attachments)
                        {
                            await _webSocket.SendAsync(attachment, WebSocketMessageType.Binary, true, CancellationToken.None).ConfigureAwait(false);
                        }
                    }

                    if (frame.DeliverAlone)
                    {
                        await Task.Delay(DeliverAlonePause).ConfigureAwait(false);
                    }
                }

                if (_session.IsClosed)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            _session.Logger.LogDebug(ex, "WebSocket send failed for session {Sid}", _session.Id);
            _session.Finish(EngineIOCloseReason.TransportError);
        }

        if (closeMarker)
        {
            _session.Finish(_session.CloseReason ?? EngineIOCloseReason.ForcedClose);
        }

        // Like Node's ws: a message over maxPayload is answered with 1009 (message too big).
        await CloseOutputAsync(_session.PayloadTooLarge ? WebSocketCloseStatus.MessageTooBig : WebSocketCloseStatus.NormalClosure).ConfigureAwait(false);
    }

    private async Task CloseOutputAsync(WebSocketCloseStatus status)
    {
        if (_webSocket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(CloseGrace);
            await _webSocket.CloseOutputAsync(status, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is already gone.
        }
    }
}
