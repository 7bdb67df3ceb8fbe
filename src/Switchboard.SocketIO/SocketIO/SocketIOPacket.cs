using System.Text.Json;

namespace Switchboard.SocketIO;

/// <summary>A decoded Socket.IO packet; <see cref="Buffers"/> holds the binary attachments once they have all arrived.</summary>
public sealed class SocketIOPacket
{
    /// <summary>The packet type.</summary>
    public required SocketIOPacketType Type { get; init; }

    /// <summary>The namespace the packet belongs to.</summary>
    public string Namespace { get; init; } = "/";

    /// <summary>The acknowledgement id, if any.</summary>
    public int? Id { get; init; }

    /// <summary>The JSON payload with placeholders still in it; null when the packet had none.</summary>
    public JsonElement? Data { get; init; }

    /// <summary>How many binary attachments the packet announced.</summary>
    public int AttachmentCount { get; init; }

    /// <summary>The binary attachments received so far.</summary>
    public IReadOnlyList<byte[]> Buffers { get; internal set; } = [];
}
