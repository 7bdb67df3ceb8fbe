using System.Text;

namespace Switchboard.SocketIO.Redis;

/// <summary>
/// The wire form of an <see cref="AdapterOperation"/> between servers: the sender's id, the operation, its
/// target rooms and exceptions, and for broadcasts the already-encoded Engine.IO frame and attachments, so a
/// receiving server forwards the bytes without re-serializing anything.
/// </summary>
/// <remarks>
/// Layout (little-endian, strings UTF-8 with a 7-bit length prefix): "SB" 1 | sender (16 bytes) | kind (1) |
/// rooms | except | close and volatile bits (1) | operation rooms | frame (int32 length + bytes) | attachments (count + each).
/// </remarks>
internal static class AdapterMessage
{
    private const byte Version = 1;

    public static byte[] Encode(Guid sender, AdapterOperation operation)
    {
        using var buffer = new MemoryStream(64 + (operation.Packet?.Data.Length ?? 0));
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((byte)'S');
            writer.Write((byte)'B');
            writer.Write(Version);
            writer.Write(sender.ToByteArray());
            writer.Write((byte)operation.Kind);
            WriteStrings(writer, operation.Options.Rooms);
            WriteStrings(writer, operation.Options.Except);
            // Bit 0: close (disconnects); bit 1: volatile (broadcasts). An older node reads any non-zero byte as
            // close, which a broadcast ignores, so the two versions can share a cluster during an upgrade.
            writer.Write((byte)((operation.Close ? 1 : 0) | (operation.Kind == AdapterOperationKind.Broadcast && operation.Options.Volatile ? 2 : 0)));
            WriteStrings(writer, operation.Rooms);
            var packet = operation.Packet;
            writer.Write(packet?.Data.Length ?? -1);
            if (packet is not null)
            {
                writer.Write(packet.Data.Span);
                writer.Write(packet.Attachments.Count);
                foreach (var attachment in packet.Attachments)
                {
                    writer.Write(attachment.Length);
                    writer.Write(attachment);
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a message; throws <see cref="InvalidDataException"/> for anything that is not one.</summary>
    public static (Guid Sender, AdapterOperation Operation) Decode(byte[] message)
    {
        using var reader = new BinaryReader(new MemoryStream(message, writable: false), Encoding.UTF8);
        try
        {
            if (reader.ReadByte() != 'S' || reader.ReadByte() != 'B' || reader.ReadByte() != Version)
            {
                throw new InvalidDataException("not a Switchboard adapter message");
            }

            var sender = new Guid(ReadExactly(reader, 16));
            var kind = (AdapterOperationKind)reader.ReadByte();
            var rooms0 = ReadStrings(reader);
            var except = ReadStrings(reader);
            var bits = reader.ReadByte();
            var close = (bits & 1) != 0;
            var options = new BroadcastOptions(rooms0, except, local: false) { Volatile = kind == AdapterOperationKind.Broadcast && (bits & 2) != 0 };
            var rooms = ReadStrings(reader);
            var length = reader.ReadInt32();
            EncodedPacket? packet = null;
            if (length >= 0)
            {
                var data = ReadExactly(reader, length);
                var attachments = new byte[reader.ReadInt32()][];
                for (var i = 0; i < attachments.Length; i++)
                {
                    attachments[i] = ReadExactly(reader, reader.ReadInt32());
                }

                packet = new EncodedPacket(data, attachments);
            }

            AdapterOperation operation = kind switch
            {
                AdapterOperationKind.Broadcast when packet is not null => AdapterOperation.Broadcast(packet, options),
                AdapterOperationKind.AddRooms => AdapterOperation.AddRooms(options, [.. rooms]),
                AdapterOperationKind.RemoveRooms => AdapterOperation.RemoveRooms(options, [.. rooms]),
                AdapterOperationKind.DisconnectSockets => AdapterOperation.DisconnectSockets(options, close),
                _ => throw new InvalidDataException($"unknown operation {kind}"),
            };
            return (sender, operation);
        }
        catch (EndOfStreamException error)
        {
            throw new InvalidDataException("truncated adapter message", error);
        }
    }

    private static void WriteStrings(BinaryWriter writer, IReadOnlyCollection<string> values)
    {
        writer.Write7BitEncodedInt(values.Count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static HashSet<string> ReadStrings(BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        if (count < 0 || count > 1_000_000)
        {
            throw new InvalidDataException("bad room count");
        }

        var values = new HashSet<string>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            values.Add(reader.ReadString());
        }

        return values;
    }

    private static byte[] ReadExactly(BinaryReader reader, int length)
    {
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new InvalidDataException("bad length");
        }

        return reader.ReadBytes(length);
    }
}
