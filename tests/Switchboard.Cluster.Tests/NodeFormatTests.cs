using System.Text;
using System.Text.Json;
using Shouldly;
using Switchboard.SocketIO;
using Switchboard.SocketIO.Redis;
using Xunit;

namespace Switchboard.Cluster.Tests;

/// <summary>
/// The shapes of @socket.io/redis-streams-adapter (socket.io-adapter's ClusterAdapter messages): what Switchboard
/// writes must be what a Node server reads, and back. The interop suite (tests/interop) runs the npm packages.
/// </summary>
public sealed class NodeFormatTests
{
    private static BroadcastOptions Options(string[] rooms, string[] except) =>
        new(new HashSet<string>(rooms), new HashSet<string>(except), local: false);

    [Fact]
    public void A_broadcast_is_stored_as_Node_writes_it_and_reads_back_to_the_same_frame()
    {
        var frame = Encoding.UTF8.GetBytes("42/chat,[\"news\",{\"a\":\"é\"},[1,2.5,null,true]]");
        var operation = AdapterOperation.Broadcast(new EncodedPacket(frame), Options(["r1"], ["r2"]));

        var data = ClusterMessage.StreamData(operation, "/chat");
        ClusterMessage.TypeOf(operation).ShouldBe(3);
        using var doc = JsonDocument.Parse(data);
        doc.RootElement.GetProperty("packet").GetRawText().ShouldBe("{\"type\":2,\"data\":[\"news\",{\"a\":\"é\"},[1,2.5,null,true]],\"nsp\":\"/chat\"}");
        doc.RootElement.GetProperty("opts").GetRawText().ShouldBe("{\"rooms\":[\"r1\"],\"except\":[\"r2\"],\"flags\":{}}");

        var read = ClusterMessage.ReadStreamData(data, []);
        ClusterMessage.IsRecoverable(read).ShouldBeTrue();
        var again = NodePackets.Event("/chat", read.GetProperty("packet").GetProperty("data"), []);
        Encoding.UTF8.GetString(again.Data.Span).ShouldBe(Encoding.UTF8.GetString(frame));
    }

    [Fact]
    public void Binary_parts_travel_as_MessagePack_in_base64_and_come_back_as_attachments()
    {
        var frame = Encoding.UTF8.GetBytes("452-[\"files\",{\"_placeholder\":true,\"num\":0},{\"x\":{\"_placeholder\":true,\"num\":1}}]");
        var operation = AdapterOperation.Broadcast(new EncodedPacket(frame, [[1, 2, 3], [4]]), Options([], []));

        var data = ClusterMessage.StreamData(operation, "/");
        data.ShouldNotStartWith("{");
        var attachments = new List<byte[]>();
        var read = ClusterMessage.ReadStreamData(data, attachments);
        attachments.Count.ShouldBe(2);
        attachments[0].ShouldBe(new byte[] { 1, 2, 3 });
        attachments[1].ShouldBe(new byte[] { 4 });
        var again = NodePackets.Event("/", read.GetProperty("packet").GetProperty("data"), attachments);
        Encoding.UTF8.GetString(again.Data.Span).ShouldBe(Encoding.UTF8.GetString(frame));
    }

    [Fact]
    public void Acked_or_volatile_packets_are_not_recoverable()
    {
        JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
        ClusterMessage.IsRecoverable(Parse("{\"packet\":{\"type\":2,\"data\":[\"a\"],\"id\":3},\"opts\":{\"flags\":{}}}")).ShouldBeFalse();
        ClusterMessage.IsRecoverable(Parse("{\"packet\":{\"type\":2,\"data\":[\"a\"]},\"opts\":{\"flags\":{\"volatile\":true}}}")).ShouldBeFalse();
        ClusterMessage.IsRecoverable(Parse("{\"packet\":{\"type\":2,\"data\":[\"a\"]},\"opts\":{\"flags\":{}},\"requestId\":\"x\"}")).ShouldBeFalse();
    }

    [Fact]
    public void MessagePack_and_JSON_convert_both_ways_including_large_integers_and_nesting()
    {
        var json = JsonDocument.Parse("{\"uid\":\"u\",\"type\":8,\"data\":{\"n\":1795989893566,\"neg\":-5,\"f\":0.25,\"s\":[\"a\",{\"b\":null}],\"t\":false}}").RootElement;
        var back = MsgPackJson.ToJson(MsgPackJson.FromJson(json));
        back.GetRawText().ShouldBe(json.GetRawText());
    }

    [Fact]
    public void Room_operations_carry_their_rooms_and_the_close_flag()
    {
        using var join = JsonDocument.Parse(ClusterMessage.StreamData(AdapterOperation.AddRooms(Options(["a"], []), ["x", "y"]), "/"));
        join.RootElement.GetProperty("rooms").GetRawText().ShouldBe("[\"x\",\"y\"]");
        using var close = JsonDocument.Parse(ClusterMessage.StreamData(AdapterOperation.DisconnectSockets(Options(["a"], []), true), "/"));
        close.RootElement.GetProperty("close").GetBoolean().ShouldBeTrue();
    }
}
