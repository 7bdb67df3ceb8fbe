using System.Text.Json;

namespace Switchboard.SocketIO.Tests.Unit;

/// <summary>Examples from the Socket.IO v5 specification ("Packet encoding") and malformed packets.</summary>
public class SocketIOParserTests
{
    [Fact]
    public void Refuses_an_event_name_with_a_lone_surrogate_instead_of_throwing()
    {
        // Found by HostileInputProperties: the JSON parses, but reading the name threw InvalidOperationException.
        SocketIOParser.TryDecode("2[\"\\ud800\",1]", out _, out var error).ShouldBeFalse();
        error.ShouldBe("invalid payload");
        SocketIOParser.TryDecode("2[\"\\ud83d\\ude00\",1]", out var packet, out _).ShouldBeTrue();
        packet!.Data!.Value[0].GetString().ShouldBe("\U0001F600");
    }

    [Fact]
    public void Decodes_connect_to_the_main_namespace()
    {
        var packet = Decode("0");
        packet.Type.ShouldBe(SocketIOPacketType.Connect);
        packet.Namespace.ShouldBe("/");
        packet.Data.ShouldBeNull();
    }

    [Fact]
    public void Decodes_connect_to_a_custom_namespace_with_a_payload()
    {
        var packet = Decode("0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}");
        packet.Type.ShouldBe(SocketIOPacketType.Connect);
        packet.Namespace.ShouldBe("/admin");
        packet.Data!.Value.GetProperty("sid").GetString().ShouldBe("oSO0OpakMV_3jnilAAAA");
    }

    [Fact]
    public void Decodes_a_namespace_without_the_trailing_comma()
    {
        Decode("0/custom").Namespace.ShouldBe("/custom");
        Decode("1/admin,").Namespace.ShouldBe("/admin");
    }

    [Fact]
    public void Decodes_connect_error()
    {
        var packet = Decode("4{\"message\":\"Not authorized\"}");
        packet.Type.ShouldBe(SocketIOPacketType.ConnectError);
        packet.Data!.Value.GetProperty("message").GetString().ShouldBe("Not authorized");
    }

    [Fact]
    public void Decodes_events_in_the_main_and_a_custom_namespace()
    {
        var main = Decode("2[\"foo\"]");
        main.Type.ShouldBe(SocketIOPacketType.Event);
        main.Data!.Value[0].GetString().ShouldBe("foo");

        var admin = Decode("2/admin,[\"bar\"]");
        admin.Namespace.ShouldBe("/admin");
        admin.Data!.Value[0].GetString().ShouldBe("bar");
    }

    [Fact]
    public void Decodes_binary_events_with_their_attachment_count()
    {
        var one = Decode("51-[\"baz\",{\"_placeholder\":true,\"num\":0}]");
        one.Type.ShouldBe(SocketIOPacketType.BinaryEvent);
        one.AttachmentCount.ShouldBe(1);

        var two = Decode("52-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        two.AttachmentCount.ShouldBe(2);
        two.Namespace.ShouldBe("/admin");
    }

    [Fact]
    public void Refuses_more_attachments_than_allowed_before_reading_the_payload()
    {
        SocketIOParser.TryDecode("510-[\"a\"]", out _, out _).ShouldBeTrue();
        SocketIOParser.TryDecode("511-[\"a\"]", out _, out var error).ShouldBeFalse();
        error.ShouldBe("too many attachments");
        SocketIOParser.TryDecode("51000-not even json", out _, out error).ShouldBeFalse();
        error.ShouldBe("too many attachments");
        SocketIOParser.TryDecode("511-[\"a\"]", maxAttachments: 20, out _, out _).ShouldBeTrue();
    }

    [Fact]
    public void Decodes_acknowledgement_ids()
    {
        var ev = Decode("212[\"foo\"]");
        ev.Id.ShouldBe(12);

        var ack = Decode("3/admin,13[\"bar\"]");
        ack.Type.ShouldBe(SocketIOPacketType.Ack);
        ack.Namespace.ShouldBe("/admin");
        ack.Id.ShouldBe(13);

        var binaryAck = Decode("61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]");
        binaryAck.Type.ShouldBe(SocketIOPacketType.BinaryAck);
        binaryAck.Id.ShouldBe(15);
        binaryAck.AttachmentCount.ShouldBe(1);
    }

    [Fact]
    public void Decodes_disconnect()
    {
        Decode("1").Type.ShouldBe(SocketIOPacketType.Disconnect);
        Decode("1/admin,").Namespace.ShouldBe("/admin");
    }

    [Fact]
    public void Accepts_an_empty_ack_payload()
    {
        Decode("312[]").Data!.Value.GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("abc")]
    [InlineData("2{}")]
    [InlineData("2[]")]
    [InlineData("2")]
    [InlineData("2\"foo\"")]
    [InlineData("2[\"foo\"")]
    [InlineData("2abc[\"message-with-ack\",1]")]
    [InlineData("2[\"foo\"]trailing")]
    [InlineData("2[\"connect\"]")]
    [InlineData("2[\"disconnect\"]")]
    [InlineData("2[{\"a\":1}]")]
    [InlineData("299999999999[\"foo\"]")]
    [InlineData("3{}")]
    [InlineData("5[\"foo\"]")]
    [InlineData("5x-[\"foo\"]")]
    [InlineData("51[\"foo\"]")]
    [InlineData("55555-[\"foo\"]")]
    [InlineData("0[1]")]
    [InlineData("0\"token\"")]
    [InlineData("1{}")]
    [InlineData("4")]
    public void Rejects_malformed_packets(string encoded)
    {
        SocketIOParser.TryDecode(encoded, out var packet, out var error).ShouldBeFalse();
        packet.ShouldBeNull();
        error.ShouldNotBeNullOrEmpty();
    }

    private static SocketIOPacket Decode(string encoded)
    {
        SocketIOParser.TryDecode(encoded, out var packet, out var error).ShouldBeTrue(error);
        return packet!;
    }
}
