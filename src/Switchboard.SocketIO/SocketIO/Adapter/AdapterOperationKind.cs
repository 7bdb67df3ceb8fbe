namespace Switchboard.SocketIO;

public enum AdapterOperationKind
{
    Broadcast,
    AddRooms,
    RemoveRooms,
    DisconnectSockets,
}
