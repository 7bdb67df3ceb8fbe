namespace Switchboard.SocketIO.Tests.Unit;

public class RecoveryOffsetsTests
{
    private static string Text(EncodedPacket p) => System.Text.Encoding.UTF8.GetString(p.Data.Span);

    [Theory]
    [InlineData("42[\"n\",1]", "42[\"n\",1,\"7-3\"]")]
    [InlineData("42/chat,[\"n\",{\"a\":[1]}]", "42/chat,[\"n\",{\"a\":[1]},\"7-3\"]")]
    [InlineData("451-[\"b\",{\"_placeholder\":true,\"num\":0}]", "451-[\"b\",{\"_placeholder\":true,\"num\":0},\"7-3\"]")]
    public void The_offset_becomes_the_last_argument(string frame, string expected)
    {
        var packet = new EncodedPacket(System.Text.Encoding.UTF8.GetBytes(frame), frame.StartsWith("45", StringComparison.Ordinal) ? [[1, 2]] : null);
        var stored = RecoveryOffsets.Append(packet, "7-3");
        Text(stored).ShouldBe(expected);
        stored.Attachments.Count.ShouldBe(packet.Attachments.Count);
    }

    [Theory]
    [InlineData(new string[0], new string[0], true)]
    [InlineData(new[] { "a" }, new string[0], true)]
    [InlineData(new[] { "b" }, new string[0], false)]
    [InlineData(new string[0], new[] { "s" }, false)]
    [InlineData(new[] { "a" }, new[] { "x" }, true)]
    public void Packets_are_replayed_to_the_rooms_they_were_sent_to(string[] rooms, string[] except, bool included)
    {
        RecoveryOffsets.ShouldInclude(["s", "a"], rooms.ToHashSet(), except.ToHashSet()).ShouldBe(included);
    }
}
