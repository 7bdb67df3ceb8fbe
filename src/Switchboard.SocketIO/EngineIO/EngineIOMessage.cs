namespace Switchboard.SocketIO.EngineIO;

/// <summary>A message received on an Engine.IO session: text or binary.</summary>
public readonly struct EngineIOMessage
{
    internal EngineIOMessage(string? text, byte[]? binary)
    {
        Text = text;
        Binary = binary;
    }

    public string? Text { get; }

    public byte[]? Binary { get; }

    public bool IsBinary => Binary is not null;
}
