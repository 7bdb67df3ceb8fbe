using System.Buffers;
using System.Text;
using Switchboard.SocketIO.EngineIO;

namespace Switchboard.SocketIO.Tests.Unit;

/// <summary>Examples from the Engine.IO v4 specification ("Packet encoding") and malformed input.</summary>
public class EngineIOParserTests
{
    [Theory]
    [InlineData("0{\"sid\":\"lv_VI97HAXpY6yYWAAAC\"}", EngineIOPacketType.Open, "{\"sid\":\"lv_VI97HAXpY6yYWAAAC\"}")]
    [InlineData("1", EngineIOPacketType.Close, "")]
    [InlineData("2", EngineIOPacketType.Ping, "")]
    [InlineData("2probe", EngineIOPacketType.Ping, "probe")]
    [InlineData("3probe", EngineIOPacketType.Pong, "probe")]
    [InlineData("4hello", EngineIOPacketType.Message, "hello")]
    [InlineData("5", EngineIOPacketType.Upgrade, "")]
    [InlineData("6", EngineIOPacketType.Noop, "")]
    public void Decodes_each_packet_type(string encoded, EngineIOPacketType type, string data)
    {
        EngineIOParser.TryDecodePacket(encoded.AsSpan(), out var packet).ShouldBeTrue();
        packet.Type.ShouldBe(type);
        packet.Text.ShouldBe(data);
        packet.IsBinary.ShouldBeFalse();
    }

    [Fact]
    public void Decodes_a_websocket_text_frame_as_utf8()
    {
        EngineIOParser.TryDecodePacket(Encoding.UTF8.GetBytes("4hello €亜Б").AsSpan(), out var packet).ShouldBeTrue();
        packet.Type.ShouldBe(EngineIOPacketType.Message);
        packet.Text.ShouldBe("hello €亜Б");
    }

    [Fact]
    public void Decodes_the_spec_payload_with_a_ping_between_two_messages()
    {
        var packets = new List<EngineIOPacket>();
        EngineIOParser.TryDecodePayload("4hello\u001e2\u001e4world", packets).ShouldBeTrue();
        packets.Select(p => p.Type).ShouldBe([EngineIOPacketType.Message, EngineIOPacketType.Ping, EngineIOPacketType.Message]);
        packets[0].Text.ShouldBe("hello");
        packets[2].Text.ShouldBe("world");
    }

    [Fact]
    public void Decodes_the_spec_payload_with_a_base64_binary_packet()
    {
        var packets = new List<EngineIOPacket>();
        EngineIOParser.TryDecodePayload("4hello\u001ebAQIDBA==", packets).ShouldBeTrue();
        packets.Count.ShouldBe(2);
        packets[1].IsBinary.ShouldBeTrue();
        packets[1].Type.ShouldBe(EngineIOPacketType.Message);
        packets[1].Binary.ShouldBe(new byte[] { 1, 2, 3, 4 });
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("7")]
    [InlineData("9hello")]
    [InlineData("b!!notbase64")]
    [InlineData("4hello\u001e")]
    [InlineData("4a\u001e\u001e4b")]
    [InlineData("\u001e")]
    public void Rejects_malformed_payloads(string payload)
    {
        EngineIOParser.TryDecodePayload(payload, []).ShouldBeFalse();
    }

    [Fact]
    public void Rejects_invalid_utf8_in_a_websocket_frame()
    {
        EngineIOParser.TryDecodePacket(new byte[] { (byte)'4', 0xC3, 0x28 }.AsSpan(), out _).ShouldBeFalse();
    }

    [Fact]
    public void Encodes_packets_and_payloads_as_in_the_spec()
    {
        EngineIOParser.EncodePacket(EngineIOPacketType.Message, "hello").ShouldBe("4hello");
        EngineIOParser.EncodePacket(EngineIOPacketType.Ping, "probe").ShouldBe("2probe");
        EngineIOParser.EncodeBinaryForPolling([1, 2, 3, 4]).ShouldBe("bAQIDBA==");
        EngineIOParser.EncodePayload(["4hello", "2", "4world"]).ShouldBe("4hello\u001e2\u001e4world");
    }

    [Fact]
    public void Writes_queued_frames_as_one_polling_payload_with_exact_length()
    {
        OutboundFrame[] frames =
        [
            OutboundFrame.Text(EngineIOPacketType.Message, "hello"),
            OutboundFrame.Binary([1, 2, 3, 4]),
            new OutboundFrame(Encoding.UTF8.GetBytes("451-[\"baz\",{\"_placeholder\":true,\"num\":0}]"), false, [[1, 2]]),
        ];

        var writer = new ArrayBufferWriter<byte>();
        EngineIOParser.WritePollingPayload(frames, writer);
        var text = Encoding.UTF8.GetString(writer.WrittenSpan);

        text.ShouldBe("4hello\u001ebAQIDBA==\u001e451-[\"baz\",{\"_placeholder\":true,\"num\":0}]\u001ebAQI=");
        EngineIOParser.GetPollingLength(frames).ShouldBe(writer.WrittenCount);
    }
}
