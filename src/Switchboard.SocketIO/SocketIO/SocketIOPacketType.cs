namespace Switchboard.SocketIO;

/// <summary>Socket.IO v5 packet types.</summary>
public enum SocketIOPacketType : byte
{
    /// <summary>0: connect to a namespace.</summary>
    Connect = 0,
    /// <summary>1: leave a namespace.</summary>
    Disconnect = 1,
    /// <summary>2: an event.</summary>
    Event = 2,
    /// <summary>3: an acknowledgement.</summary>
    Ack = 3,
    /// <summary>4: a refused connection.</summary>
    ConnectError = 4,
    /// <summary>5: an event with binary attachments.</summary>
    BinaryEvent = 5,
    /// <summary>6: an acknowledgement with binary attachments.</summary>
    BinaryAck = 6,
}
