using System.Text.Encodings.Web;
using System.Text.Json;
using Switchboard.SocketIO.EngineIO;

namespace Switchboard.SocketIO;

/// <summary>Socket.IO server settings; the Engine.IO settings are inherited.</summary>
public class SocketIOOptions : EngineIOOptions
{
    /// <summary>A connection that sends no CONNECT packet within this time is closed (Node: connectTimeout, 45 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Default timeout of <c>EmitWithAckAsync</c> without an explicit one; null waits until the socket disconnects.</summary>
    public TimeSpan? AckTimeout { get; set; }

    /// <summary>Used to serialize emitted arguments and to deserialize them with <c>SocketIOArgs.Get&lt;T&gt;</c>.</summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
