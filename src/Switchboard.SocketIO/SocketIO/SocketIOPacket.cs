using System.Text.Json;

namespace Switchboard.SocketIO;

/// <summary>A decoded Socket.IO packet; <see cref="Buffers"/> holds the binary attachments once they have all arrived.</summary>
public sealed class SocketIOPacket
{
    public required SocketIOPacketType Type { get; init; }

    public string Namespace { get; init; } = "/";

    public int? Id { get; init; }

    /// <summary>The JSON payload with placeholders still in it; null when the packet had none.</summary>
    public JsonElement? Data { get; init; }

    public int AttachmentCount { get; init; }

    public IReadOnlyList<byte[]> Buffers { get; internal set; } = [];
}
