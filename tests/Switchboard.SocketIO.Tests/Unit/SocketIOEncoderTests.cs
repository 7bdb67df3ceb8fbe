using System.Text;
using System.Text.Json;
using Switchboard.SocketIO.EngineIO;

namespace Switchboard.SocketIO.Tests.Unit;

/// <summary>
/// The specification's encoding examples. The encoder produces the Engine.IO message frame, so
/// every expected string carries the leading "4".
/// </summary>
public class SocketIOEncoderTests
{
    private static readonly JsonSerializerOptions Options = new SocketIOOptions().SerializerOptions;

    [Fact]
    public void Encodes_events()
    {
        Text(SocketIOEncoder.EncodeEvent("/", "foo", [], null, Options)).ShouldBe("42[\"foo\"]");
        Text(SocketIOEncoder.EncodeEvent("/admin", "bar", [], null, Options)).ShouldBe("42/admin,[\"bar\"]");
        Text(SocketIOEncoder.EncodeEvent("/", "hey", ["Jude"], null, Options)).ShouldBe("42[\"hey\",\"Jude\"]");
    }

    [Fact]
    public void Encodes_an_event_with_an_ack_id()
    {
        Text(SocketIOEncoder.EncodeEvent("/", "foo", [], 12, Options)).ShouldBe("4212[\"foo\"]");
    }

    [Fact]
    public void Encodes_binary_arguments_as_placeholders_and_attachments()
    {
        var frame = SocketIOEncoder.EncodeEvent("/", "baz", [new byte[] { 1, 2, 3, 4 }], null, Options);
        Text(frame).ShouldBe("451-[\"baz\",{\"_placeholder\":true,\"num\":0}]");
        frame.Attachments.ShouldNotBeNull();
        frame.Attachments!.Single().ShouldBe(new byte[] { 1, 2, 3, 4 });

        var two = SocketIOEncoder.EncodeEvent("/admin", "baz", [new byte[] { 1, 2 }, new byte[] { 3, 4 }], null, Options);
        Text(two).ShouldBe("452-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        two.Attachments!.Length.ShouldBe(2);
    }

    [Fact]
    public void Encodes_acknowledgements()
    {
        Text(SocketIOEncoder.EncodeAck("/admin", 13, ["bar"], Options)).ShouldBe("43/admin,13[\"bar\"]");
        Text(SocketIOEncoder.EncodeAck("/", 12, [], Options)).ShouldBe("4312[]");
        var binary = SocketIOEncoder.EncodeAck("/", 15, ["bar", new byte[] { 1, 2, 3, 4 }], Options);
        Text(binary).ShouldBe("461-15[\"bar\",{\"_placeholder\":true,\"num\":0}]");
    }

    [Fact]
    public void Encodes_connect_connect_error_and_disconnect()
    {
        Text(SocketIOEncoder.EncodeConnect("/admin", "oSO0OpakMV_3jnilAAAA")).ShouldBe("40/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}");
        Text(SocketIOEncoder.EncodeConnectError("/", "Not authorized", null, Options)).ShouldBe("44{\"message\":\"Not authorized\"}");
        Text(SocketIOEncoder.EncodeConnectError("/random", "Invalid namespace", null, Options)).ShouldBe("44/random,{\"message\":\"Invalid namespace\"}");
        Text(SocketIOEncoder.EncodeConnectError("/", "nope", new { code = 401 }, Options)).ShouldBe("44{\"message\":\"nope\",\"data\":{\"code\":401}}");
        Text(SocketIOEncoder.EncodeDisconnect("/")).ShouldBe("41");
        Text(SocketIOEncoder.EncodeDisconnect("/admin")).ShouldBe("41/admin,");
    }

    [Fact]
    public void Serializes_values_like_json_stringify()
    {
        var element = JsonSerializer.Deserialize<JsonElement>("{\"3\":[true]}");
        Text(SocketIOEncoder.EncodeEvent("/", "m", [1, "2", element, null, 1.5, true], null, Options))
            .ShouldBe("42[\"m\",1,\"2\",{\"3\":[true]},null,1.5,true]");
        Text(SocketIOEncoder.EncodeEvent("/", "m", ["héllo € <b> 'q'"], null, Options)).ShouldBe("42[\"m\",\"héllo € <b> 'q'\"]");
        Text(SocketIOEncoder.EncodeEvent("/", "m", [new { UserId = 7, Name = "x" }], null, Options)).ShouldBe("42[\"m\",{\"userId\":7,\"name\":\"x\"}]");
    }

    [Fact]
    public void Encoded_packets_decode_back_to_the_same_values()
    {
        var frame = SocketIOEncoder.EncodeEvent("/chat", "msg", ["a", 2, new byte[] { 9 }], 7, Options);
        var decoder = new PacketDecoder();
        decoder.Add(Text(frame)[1..], out _).ShouldBe(DecodeStatus.WaitingForAttachments);
        decoder.Add(frame.Attachments![0], out var packet).ShouldBe(DecodeStatus.Complete);

        packet!.Namespace.ShouldBe("/chat");
        packet.Id.ShouldBe(7);
        PlaceholderResolver.TryResolve(packet.Data!.Value, 1, packet.Buffers, out var args).ShouldBeTrue();
        ((JsonElement)args[0]!).GetString().ShouldBe("a");
        ((JsonElement)args[1]!).GetInt32().ShouldBe(2);
        args[2].ShouldBe(new byte[] { 9 });
    }

    private static string Text(OutboundFrame frame) => Encoding.UTF8.GetString(frame.Data);
}
