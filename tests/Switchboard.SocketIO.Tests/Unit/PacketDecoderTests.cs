using System.Text.Json;

namespace Switchboard.SocketIO.Tests.Unit;

public class PacketDecoderTests
{
    [Fact]
    public void Reassembles_a_binary_event_from_its_attachments()
    {
        var decoder = new PacketDecoder();
        decoder.Add("452-[\"message\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]"[1..], out _)
            .ShouldBe(DecodeStatus.WaitingForAttachments);
        decoder.Add([1, 2, 3], out _).ShouldBe(DecodeStatus.WaitingForAttachments);
        decoder.Add([4, 5, 6], out var packet).ShouldBe(DecodeStatus.Complete);

        PlaceholderResolver.TryResolve(packet!.Data!.Value, 1, packet.Buffers, out var args).ShouldBeTrue();
        args.ShouldBe([new byte[] { 1, 2, 3 }, new byte[] { 4, 5, 6 }]);
    }

    [Fact]
    public void Is_ready_for_the_next_packet_after_a_binary_one()
    {
        var decoder = new PacketDecoder();
        decoder.Add("51-[\"a\",{\"_placeholder\":true,\"num\":0}]", out _);
        decoder.Add([1], out _).ShouldBe(DecodeStatus.Complete);
        decoder.Add("2[\"b\"]", out var next).ShouldBe(DecodeStatus.Complete);
        next!.Type.ShouldBe(SocketIOPacketType.Event);
    }

    [Fact]
    public void A_binary_packet_without_attachments_is_complete_at_once()
    {
        new PacketDecoder().Add("50-[\"a\"]", out var packet).ShouldBe(DecodeStatus.Complete);
        packet!.Type.ShouldBe(SocketIOPacketType.BinaryEvent);
    }

    [Fact]
    public void Binary_data_without_a_pending_packet_is_an_error()
    {
        new PacketDecoder().Add([1, 2, 3], out _).ShouldBe(DecodeStatus.Error);
    }

    [Fact]
    public void Text_while_waiting_for_attachments_is_an_error()
    {
        var decoder = new PacketDecoder();
        decoder.Add("51-[\"a\",{\"_placeholder\":true,\"num\":0}]", out _);
        decoder.Add("2[\"b\"]", out _).ShouldBe(DecodeStatus.Error);
    }

    [Fact]
    public void A_placeholder_beyond_the_attachments_is_rejected()
    {
        var decoder = new PacketDecoder();
        decoder.Add("51-[\"a\",{\"_placeholder\":true,\"num\":5}]", out _);
        decoder.Add([1], out var packet);
        PlaceholderResolver.TryResolve(packet!.Data!.Value, 1, packet.Buffers, out _).ShouldBeFalse();
    }

    [Fact]
    public void A_nested_placeholder_becomes_base64_so_it_binds_to_a_byte_array()
    {
        var decoder = new PacketDecoder();
        decoder.Add("51-[\"upload\",{\"name\":\"f\",\"content\":{\"_placeholder\":true,\"num\":0}}]", out _);
        decoder.Add([7, 8], out var packet);
        PlaceholderResolver.TryResolve(packet!.Data!.Value, 1, packet.Buffers, out var args).ShouldBeTrue();

        var file = new SocketIOArgs(args, JsonSerializerOptions.Web).Get<Upload>(0)!;
        file.Name.ShouldBe("f");
        file.Content.ShouldBe(new byte[] { 7, 8 });
    }

    [Fact]
    public void The_header_and_its_attachments_together_are_capped()
    {
        const string header = "52-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]";
        var decoder = new PacketDecoder(maxAttachments: 10, maxPacketBytes: header.Length + 100);
        decoder.Add(header, out _).ShouldBe(DecodeStatus.WaitingForAttachments);
        decoder.Add(new byte[60], out _).ShouldBe(DecodeStatus.WaitingForAttachments);
        decoder.Add(new byte[41], out _).ShouldBe(DecodeStatus.TooLarge);
        decoder.Pending.ShouldBeNull();

        decoder.Add(header, out _).ShouldBe(DecodeStatus.WaitingForAttachments);
        decoder.Add(new byte[60], out _).ShouldBe(DecodeStatus.WaitingForAttachments);
        decoder.Add(new byte[40], out var packet).ShouldBe(DecodeStatus.Complete);
        packet!.Buffers.Sum(b => b.Length).ShouldBe(100);
    }

    [Fact]
    public void A_header_announcing_more_than_maxAttachments_is_an_error()
    {
        new PacketDecoder(maxAttachments: 2).Add("53-[\"a\"]", out _).ShouldBe(DecodeStatus.Error);
    }

    private sealed record Upload(string Name, byte[] Content);
}
