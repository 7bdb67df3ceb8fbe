namespace Switchboard.SocketIO.EngineIO;

/// <summary>A decoded incoming Engine.IO packet: text data for plain packets, bytes for binary messages.</summary>
public readonly struct EngineIOPacket
{
    public EngineIOPacket(EngineIOPacketType type, string? text)
    {
        Type = type;
        Text = text;
        Binary = null;
    }

    public EngineIOPacket(byte[] binary)
    {
        Type = EngineIOPacketType.Message;
        Text = null;
        Binary = binary;
    }

    public EngineIOPacketType Type { get; }

    /// <summary>The payload after the type character (empty string when there is none); null for binary packets.</summary>
    public string? Text { get; }

    public byte[]? Binary { get; }

    public bool IsBinary => Binary is not null;
}
