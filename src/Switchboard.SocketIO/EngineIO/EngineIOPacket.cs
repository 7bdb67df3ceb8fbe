namespace Switchboard.SocketIO.EngineIO;

/// <summary>A decoded incoming Engine.IO packet: text data for plain packets, bytes for binary messages.</summary>
public readonly struct EngineIOPacket
{
    /// <summary>A text packet of the given type with an optional payload.</summary>
    public EngineIOPacket(EngineIOPacketType type, string? text)
    {
        Type = type;
        Text = text;
        Binary = null;
    }

    /// <summary>A binary message packet.</summary>
    public EngineIOPacket(byte[] binary)
    {
        Type = EngineIOPacketType.Message;
        Text = null;
        Binary = binary;
    }

    /// <summary>The packet type.</summary>
    public EngineIOPacketType Type { get; }

    /// <summary>The payload after the type character (empty string when there is none); null for binary packets.</summary>
    public string? Text { get; }

    /// <summary>The binary payload of a binary message packet, otherwise null.</summary>
    public byte[]? Binary { get; }

    /// <summary>Whether this is a binary message packet.</summary>
    public bool IsBinary => Binary is not null;
}
