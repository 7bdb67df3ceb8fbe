namespace Switchboard.SocketIO;

internal enum DecodeStatus
{
    Complete,
    WaitingForAttachments,
    Error,

    /// <summary>The packet with its attachments so far is larger than allowed.</summary>
    TooLarge,
}
