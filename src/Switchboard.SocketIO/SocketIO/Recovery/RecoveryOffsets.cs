using System.Text;

namespace Switchboard.SocketIO;

/// <summary>
/// The wire form of recovery offsets: the server appends the offset as the last argument of every recoverable
/// EVENT packet (<c>42["news",1,"1700000000000-0"]</c>), as Node does, so that the packet stays readable by any
/// client; socket.io-client pops it and sends it back in its CONNECT auth (<c>{pid, offset}</c>).
/// </summary>
public static class RecoveryOffsets
{
    /// <summary>
    /// Returns the packet with <paramref name="offset"/> inserted before the closing bracket of its data array.
    /// The offset must be plain ASCII without quotes or backslashes (counters and Redis stream ids are).
    /// </summary>
    public static EncodedPacket Append(EncodedPacket packet, string offset)
    {
        var data = packet.Data.Span;
        var end = data.LastIndexOf((byte)']');
        if (end < 0)
        {
            throw new ArgumentException("Not an event packet.", nameof(packet));
        }

        var extra = Encoding.ASCII.GetByteCount(offset) + 3;
        var result = new byte[data.Length + extra];
        data[..end].CopyTo(result);
        var at = end;
        result[at++] = (byte)',';
        result[at++] = (byte)'"';
        at += Encoding.ASCII.GetBytes(offset, result.AsSpan(at));
        result[at++] = (byte)'"';
        data[end..].CopyTo(result.AsSpan(at));
        return new EncodedPacket(new EngineIO.OutboundFrame(result, false, packet.Frame.Attachments));
    }

    /// <summary>Whether a packet sent to <paramref name="sessionRooms"/> would have reached that socket (Node: shouldIncludePacket).</summary>
    public static bool ShouldInclude(IReadOnlyCollection<string> sessionRooms, IReadOnlyCollection<string> rooms, IReadOnlyCollection<string> except)
    {
        var included = rooms.Count == 0;
        foreach (var room in sessionRooms)
        {
            if (except.Contains(room))
            {
                return false;
            }

            included |= !included && rooms.Contains(room);
        }

        return included;
    }
}
