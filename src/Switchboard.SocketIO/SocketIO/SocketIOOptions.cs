using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.SocketIO.EngineIO;

namespace Switchboard.SocketIO;

/// <summary>Socket.IO server settings; the Engine.IO settings are inherited.</summary>
public class SocketIOOptions : EngineIOOptions
{
    /// <summary>
    /// A connection that has not connected to any namespace within this time is closed (Node:
    /// connectTimeout, 45 s). Refused CONNECT attempts do not stop it; only a successful one does.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// Most binary attachments one packet may announce (Node's socket.io-parser: maxAttachments, 10).
    /// A packet announcing more closes the connection ("parse error") before any attachment is read.
    /// </summary>
    public int MaxAttachments { get; set; } = SocketIOParser.DefaultMaxAttachments;

    /// <summary>Default timeout of <c>EmitWithAckAsync</c> without an explicit one; null waits until the socket disconnects.</summary>
    public TimeSpan? AckTimeout { get; set; }

    /// <summary>
    /// Connection state recovery (Node: connectionStateRecovery); null (the default) leaves it off. With it, the
    /// CONNECT answer carries a private session id and every recoverable event an offset as its last argument.
    /// </summary>
    public ConnectionStateRecoveryOptions? ConnectionStateRecovery { get; set; }

    /// <summary>Used to serialize emitted arguments and to deserialize them with <c>SocketIOArgs.Get&lt;T&gt;</c>.</summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
