using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Switchboard.SocketIO.EngineIO.Transports;

/// <summary>HTTP long-polling: GET requests drain the session's queue, POST requests carry client packets.</summary>
internal static class PollingTransport
{
    private static readonly TimeSpan UpgradingPollWait = TimeSpan.FromMilliseconds(100);

    public static async Task HandlePollAsync(HttpContext context, EngineIOSocket session)
    {
        if (Interlocked.Exchange(ref session.PollActive, 1) == 1)
        {
            // Two concurrent polls would lose ordering; the reference server closes the session.
            session.Finish(EngineIOCloseReason.TransportError);
            await EngineIOErrors.WriteAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
            return;
        }

        var aborted = context.RequestAborted;
        var gateTaken = false;
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(aborted, session.Closed);
        Volatile.Write(ref session.CurrentPoll, poll);
        try
        {
            await session.ReaderGate.WaitAsync(poll.Token).ConfigureAwait(false);
            gateTaken = true;
            if (session.Upgraded)
            {
                await EngineIOErrors.WriteAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
                return;
            }

            var reader = session.Reader;
            if (!session.IsClosed && !reader.TryPeek(out _))
            {
                if (session.Upgrading)
                {
                    // Mid-upgrade, answer soon (as Node's noop check does) unless the upgrade completes first.
                    poll.CancelAfter(UpgradingPollWait);
                }

                session.PollWaiting = true;
                try
                {
                    await reader.WaitToReadAsync(poll.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Woken by an upgrade probe or completion, a close or the client going away.
                }
                finally
                {
                    session.PollWaiting = false;
                }
            }

            if (aborted.IsCancellationRequested)
            {
                session.Finish(EngineIOCloseReason.TransportError);
                return;
            }

            if (session.Upgraded)
            {
                await EngineIOErrors.WriteAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
                return;
            }

            if (session.IsClosed)
            {
                await WriteFramesAsync(context, [session.ClientInitiatedClose ? OutboundFrame.Noop : OutboundFrame.Close]).ConfigureAwait(false);
                return;
            }

            var frames = new List<OutboundFrame>();
            var closing = false;
            while (reader.TryRead(out var frame))
            {
                frames.Add(frame);
                if (frame.IsCloseMarker)
                {
                    closing = true;
                    break;
                }
            }

            if (frames.Count == 0)
            {
                frames.Add(OutboundFrame.Noop);
            }

            await WriteFramesAsync(context, frames.ToArray()).ConfigureAwait(false);
            if (closing)
            {
                session.Finish(session.CloseReason ?? EngineIOCloseReason.ForcedClose);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            session.Finish(EngineIOCloseReason.TransportError);
        }
        catch (IOException)
        {
            session.Finish(EngineIOCloseReason.TransportError);
        }
        finally
        {
            Volatile.Write(ref session.CurrentPoll, null);
            if (gateTaken)
            {
                session.ReaderGate.Release();
            }

            Volatile.Write(ref session.PollActive, 0);
        }
    }

    public static async Task HandleDataAsync(HttpContext context, EngineIOSocket session)
    {
        if (Interlocked.Exchange(ref session.PostActive, 1) == 1)
        {
            session.Finish(EngineIOCloseReason.TransportError);
            await EngineIOErrors.WriteAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
            return;
        }

        var request = context.Request;
        var max = session.Options.MaxHttpBufferSize;
        try
        {
            if (string.Equals(request.ContentType, "application/octet-stream", StringComparison.OrdinalIgnoreCase))
            {
                // v4 clients always send base64 text; raw binary bodies belong to v3.
                session.Finish(EngineIOCloseReason.TransportError);
                await EngineIOErrors.WriteAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
                return;
            }

            if (request.ContentLength > max)
            {
                await RejectTooLargeAsync(context, session).ConfigureAwait(false);
                return;
            }

            var (buffer, length) = await ReadBodyAsync(request.Body, max, context.RequestAborted).ConfigureAwait(false);
            if (buffer is null)
            {
                await RejectTooLargeAsync(context, session).ConfigureAwait(false);
                return;
            }

            string text;
            try
            {
                text = Encoding.UTF8.GetString(buffer, 0, length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            var packets = new List<EngineIOPacket>();
            if (!EngineIOParser.TryDecodePayload(text, packets))
            {
                session.Finish(EngineIOCloseReason.ParseError);
                await EngineIOErrors.WriteAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
                return;
            }

            foreach (var packet in packets)
            {
                await session.OnPacketAsync(packet).ConfigureAwait(false);
                if (packet.Type == EngineIOPacketType.Close || session.IsClosed)
                {
                    break;
                }
            }

            if (session.PayloadTooLarge)
            {
                // A Socket.IO packet whose attachments, spread over several POSTs, add up to more than maxPayload.
                await RejectTooLargeAsync(context, session).ConfigureAwait(false);
                return;
            }

            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            // text/html rather than text/plain keeps old browsers from offering a download.
            response.ContentType = "text/html";
            response.ContentLength = 2;
            await response.Body.WriteAsync("ok"u8.ToArray(), context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
        {
            session.Logger.LogDebug(ex, "POST for session {Sid} failed", session.Id);
            session.Finish(EngineIOCloseReason.TransportError);
        }
        finally
        {
            Volatile.Write(ref session.PostActive, 0);
        }
    }

    public static async Task WriteFramesAsync(HttpContext context, OutboundFrame[] frames)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/plain; charset=UTF-8";
        response.Headers.CacheControl = "no-store";
        response.ContentLength = EngineIOParser.GetPollingLength(frames);
        EngineIOParser.WritePollingPayload(frames, response.BodyWriter);
        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task RejectTooLargeAsync(HttpContext context, EngineIOSocket session)
    {
        session.FinishTooLarge();
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await context.Response.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>Reads the body into a pooled buffer; returns a null buffer when it exceeds <paramref name="max"/>.</summary>
    private static async Task<(byte[]? Buffer, int Length)> ReadBodyAsync(Stream body, int max, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > max)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return (null, 0);
                }

                var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, max + 1));
                buffer.AsSpan(0, length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = bigger;
            }

            var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (length > max)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return (null, 0);
            }
        }

        return (buffer, length);
    }
}
