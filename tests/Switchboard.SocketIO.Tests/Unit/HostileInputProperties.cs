using System.Text;
using System.Text.Json;
using CsCheck;
using Switchboard.SocketIO.EngineIO;
using Switchboard.SocketIO.Tests.Support;

namespace Switchboard.SocketIO.Tests.Unit;

/// <summary>
/// Property tests over random, malformed and truncated frames (a parser fuzzer in the small; socketioxide's
/// parser once looped forever on such input). Every parser and the per-connection decoder must answer each
/// input — no exception, no endless loop — and a packet in progress never holds more than the configured cap.
/// A fixed iteration count bounds the run; a generous cancellation guard turns a hang into a failure instead of
/// a stuck CI job. CsCheck prints the seed of a failing input; CsCheck_Seed=... replays it.
/// </summary>
public class HostileInputProperties
{
    private const int Iterations = 3_000;
    private const int MaxAttachments = 10;
    private const int MaxPacketBytes = 2_000;

    /// <summary>Runs a property off the test thread so that a hang fails the test instead of blocking the run.</summary>
    private static async Task WithinGuard(Action property)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        guard.CancelAfter(TimeSpan.FromMinutes(3));
        await Task.Run(property, guard.Token).WaitAsync(guard.Token);
    }

    [Fact]
    public Task Engine_IO_packets_and_payloads_always_decode_or_are_refused() => WithinGuard(() =>
    {
        HostileFrames.PollingPayload.Sample(payload =>
        {
            var packets = new List<EngineIOPacket>();
            if (EngineIOParser.TryDecodePayload(payload, packets))
            {
                // What decodes is what was there: never more packets than separated records.
                packets.Count.ShouldBeLessThanOrEqualTo(payload.Split('\u001e').Length);
            }

            foreach (var record in payload.Split('\u001e'))
            {
                EngineIOParser.TryDecodePacket(record.AsSpan(), out _);
            }
        }, iter: Iterations, threads: 1);

        HostileFrames.EngineIOUtf8.Sample(bytes =>
        {
            if (EngineIOParser.TryDecodePacket((ReadOnlySpan<byte>)bytes, out var packet) && !packet.IsBinary)
            {
                Enum.IsDefined(packet.Type).ShouldBeTrue();
            }
        }, iter: Iterations, threads: 1);
    });

    [Fact]
    public Task Socket_IO_packets_decode_to_well_formed_packets_or_are_refused() => WithinGuard(() =>
        HostileFrames.SocketIOTextOrNoise.Sample(text =>
        {
            if (!SocketIOParser.TryDecode(text, MaxAttachments, out var packet, out var error))
            {
                error.ShouldNotBeNullOrEmpty();
                return;
            }

            Enum.IsDefined(packet.Type).ShouldBeTrue();
            packet.AttachmentCount.ShouldBeInRange(0, MaxAttachments);
            packet.Namespace.ShouldStartWith("/");
            if (packet.Type is SocketIOPacketType.Event or SocketIOPacketType.BinaryEvent)
            {
                packet.Data.ShouldNotBeNull().ValueKind.ShouldBe(JsonValueKind.Array);
            }
        }, iter: Iterations, threads: 1));

    /// <summary>
    /// A connection's frames through its decoder, as SocketIOConnection feeds them: a model counts what the
    /// decoder holds for the packet in progress, which never exceeds the cap while it waits for more; an
    /// error or an oversized packet ends the connection (a fresh decoder here). Completed packets go through
    /// placeholder resolution, whose attachments are exactly the frames received.
    /// </summary>
    [Fact]
    public Task A_connection_s_frames_never_make_the_decoder_hold_more_than_the_cap() => WithinGuard(() =>
        HostileFrames.SocketIOFrames.Sample(frames =>
        {
            var decoder = new PacketDecoder(MaxAttachments, MaxPacketBytes);
            long held = 0;
            foreach (var frame in frames)
            {
                SocketIOPacket? packet;
                DecodeStatus status;
                if (frame.Text is { } text)
                {
                    status = decoder.Add(text, out packet);
                    held = status == DecodeStatus.WaitingForAttachments ? Encoding.UTF8.GetByteCount(text) : 0;
                }
                else
                {
                    var wasWaiting = decoder.Pending is not null;
                    status = decoder.Add(frame.Binary!, out packet);
                    held = status == DecodeStatus.WaitingForAttachments && wasWaiting ? held + frame.Binary!.Length : 0;
                }

                switch (status)
                {
                    case DecodeStatus.WaitingForAttachments:
                        held.ShouldBeLessThanOrEqualTo(MaxPacketBytes);
                        decoder.Pending.ShouldNotBeNull();
                        break;
                    case DecodeStatus.Complete:
                        packet.ShouldNotBeNull();
                        packet.Buffers.Count.ShouldBe(packet.AttachmentCount);
                        Resolve(packet);
                        break;
                    default:
                        decoder = new PacketDecoder(MaxAttachments, MaxPacketBytes);
                        held = 0;
                        break;
                }
            }
        }, iter: Iterations, threads: 1));

    private static void Resolve(SocketIOPacket packet)
    {
        if (packet.Data is not { ValueKind: JsonValueKind.Array } data)
        {
            return;
        }

        var skip = packet.Type is SocketIOPacketType.Event or SocketIOPacketType.BinaryEvent ? 1 : 0;
        if (!PlaceholderResolver.TryResolve(data, skip, packet.Buffers, out var args))
        {
            return;
        }

        args.Length.ShouldBe(Math.Max(0, data.GetArrayLength() - skip));
        foreach (var bytes in args.OfType<byte[]>())
        {
            packet.Buffers.ShouldContain(b => ReferenceEquals(b, bytes));
        }

        // What a handler reads: every argument converts to JSON or bytes without throwing out of the library.
        var received = new SocketIOArgs(args, JsonSerializerOptions.Web);
        for (var i = 0; i < received.Count; i++)
        {
            received.GetJson(i);
        }
    }
}
