namespace Switchboard.SocketIO;

/// <summary>What a disconnected socket leaves behind for its recovery (Node: <c>SessionToPersist</c>).</summary>
/// <param name="Sid">The socket id, given back to the recovered socket.</param>
/// <param name="Pid">The private session id the client presents to recover (never broadcast, unlike the sid).</param>
/// <param name="Rooms">The rooms the socket was in, its own id room included.</param>
/// <param name="Data">The socket's <see cref="Socket.Data"/>.</param>
public sealed record SocketSession(string Sid, string Pid, IReadOnlyList<string> Rooms, IReadOnlyDictionary<string, object?> Data);

/// <summary>An event packet kept for replay: its offset and its encoding, with the offset already appended as last argument.</summary>
public sealed record StoredPacket(string Offset, EncodedPacket Packet);

/// <summary>A session found again, with the packets sent to its rooms after the client's offset, oldest first.</summary>
public sealed record RestoredSession(SocketSession Session, IReadOnlyList<StoredPacket> MissedPackets);
