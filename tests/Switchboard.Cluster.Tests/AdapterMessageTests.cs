using System.Text;
using Shouldly;
using Switchboard.SocketIO;
using Switchboard.SocketIO.Redis;
using Xunit;

namespace Switchboard.Cluster.Tests;

/// <summary>What one node publishes is what another applies: every operation survives the wire unchanged.</summary>
public sealed class AdapterMessageTests
{
    private static readonly Guid Sender = Guid.NewGuid();

    private static BroadcastOptions Options(string[] rooms, string[] except) =>
        new(new HashSet<string>(rooms), new HashSet<string>(except), local: false);

    [Fact]
    public void A_broadcast_keeps_its_frame_attachments_rooms_and_exceptions()
    {
        var frame = Encoding.UTF8.GetBytes("451-[\"file\",{\"_placeholder\":true,\"num\":0},\"é\"]");
        var operation = AdapterOperation.Broadcast(new EncodedPacket(frame, [[1, 2, 3], []]), Options(["member_a", "business_b"], ["user_c"]));

        var (sender, decoded) = AdapterMessage.Decode(AdapterMessage.Encode(Sender, operation));

        sender.ShouldBe(Sender);
        decoded.Kind.ShouldBe(AdapterOperationKind.Broadcast);
        decoded.Packet!.Data.ToArray().ShouldBe(frame);
        decoded.Packet.Attachments.Count.ShouldBe(2);
        decoded.Packet.Attachments[0].ShouldBe(new byte[] { 1, 2, 3 });
        decoded.Options.Rooms.ShouldBe(["member_a", "business_b"], ignoreOrder: true);
        decoded.Options.Except.ShouldBe(["user_c"]);
        decoded.Options.Local.ShouldBeFalse();
    }

    [Fact]
    public void A_volatile_broadcast_stays_volatile_and_a_disconnect_never_becomes_one()
    {
        var frame = Encoding.UTF8.GetBytes("42[\"typing\"]");
        var options = new BroadcastOptions(new HashSet<string> { "r" }, new HashSet<string>(), local: false) { Volatile = true };
        var decoded = AdapterMessage.Decode(AdapterMessage.Encode(Sender, AdapterOperation.Broadcast(new EncodedPacket(frame, []), options))).Operation;
        decoded.Options.Volatile.ShouldBeTrue();
        decoded.Close.ShouldBeFalse();

        var plain = AdapterMessage.Decode(AdapterMessage.Encode(Sender, AdapterOperation.Broadcast(new EncodedPacket(frame, []), Options(["r"], [])))).Operation;
        plain.Options.Volatile.ShouldBeFalse();

        var close = AdapterMessage.Decode(AdapterMessage.Encode(Sender, AdapterOperation.DisconnectSockets(options, close: true))).Operation;
        close.Close.ShouldBeTrue();
        close.Options.Volatile.ShouldBeFalse();
    }

    [Fact]
    public void Room_changes_and_disconnects_keep_their_rooms_and_close_flag()
    {
        var leave = AdapterMessage.Decode(AdapterMessage.Encode(Sender, AdapterOperation.RemoveRooms(Options(["member_x"], []), ["business_y"]))).Operation;
        leave.Kind.ShouldBe(AdapterOperationKind.RemoveRooms);
        leave.Rooms.ShouldBe(["business_y"]);
        leave.Options.Rooms.ShouldBe(["member_x"]);

        var join = AdapterMessage.Decode(AdapterMessage.Encode(Sender, AdapterOperation.AddRooms(Options([], []), ["a", "b"]))).Operation;
        join.Kind.ShouldBe(AdapterOperationKind.AddRooms);
        join.Rooms.ShouldBe(["a", "b"], ignoreOrder: true);
        join.Options.Rooms.ShouldBeEmpty();

        var close = AdapterMessage.Decode(AdapterMessage.Encode(Sender, AdapterOperation.DisconnectSockets(Options(["token_7"], []), close: true))).Operation;
        close.Kind.ShouldBe(AdapterOperationKind.DisconnectSockets);
        close.Close.ShouldBeTrue();
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { (byte)'S', (byte)'B', 9 })]
    [InlineData(new byte[] { (byte)'S', (byte)'B', 1, 1, 2 })]
    public void Anything_else_on_the_channel_is_refused_not_applied(byte[] message) =>
        Should.Throw<InvalidDataException>(() => AdapterMessage.Decode(message));
}
