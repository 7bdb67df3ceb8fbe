namespace Switchboard.SocketIO.EngineIO;

/// <summary>A message received on an Engine.IO session: text or binary.</summary>
public readonly struct EngineIOMessage
{
    internal EngineIOMessage(string? text, byte[]? binary)
    {
        Text = text;
        Binary = binary;
    }

    /// <summary>The text payload, or null for a binary message.</summary>
    public string? Text { get; }

    /// <summary>The binary payload, or null for a text message.</summary>
    public byte[]? Binary { get; }

    /// <summary>Whether the message is binary (<see cref="Binary"/> is set).</summary>
    public bool IsBinary => Binary is not null;
}
