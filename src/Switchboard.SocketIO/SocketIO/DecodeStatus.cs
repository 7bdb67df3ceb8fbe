namespace Switchboard.SocketIO;

internal enum DecodeStatus
{
    Complete,
    WaitingForAttachments,
    Error,
}
