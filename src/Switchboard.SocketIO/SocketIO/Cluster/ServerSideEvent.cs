using System.Text.Json;

namespace Switchboard.SocketIO;

/// <summary>An event another server of the cluster sent with <c>ServerSideEmitAsync</c> (Node: serverSideEmit).</summary>
public sealed class ServerSideEvent
{
    private readonly Func<object?, ValueTask>? _ack;
    private int _acknowledged;

    /// <summary>Creates an event as received from another server.</summary>
    public ServerSideEvent(string name, SocketIOArgs args, Func<object?, ValueTask>? ack)
    {
        Name = name;
        Args = args;
        _ack = ack;
    }

    /// <summary>The event name.</summary>
    public string Name { get; }

    /// <summary>The event's arguments.</summary>
    public SocketIOArgs Args { get; }

    /// <summary>Whether the sender waits for an answer (ServerSideEmitWithAckAsync).</summary>
    public bool HasAck => _ack is not null;

    /// <summary>Answers the sender (once; one value, as in Node).</summary>
    public ValueTask AckAsync(object? value) =>
        _ack is null || Interlocked.Exchange(ref _acknowledged, 1) == 1 ? ValueTask.CompletedTask : _ack(value);

    internal static ServerSideEvent FromPacket(JsonElement packet, JsonSerializerOptions options, Func<object?, ValueTask>? ack)
    {
        var items = packet.EnumerateArray().ToArray();
        var name = items.Length > 0 && items[0].ValueKind == JsonValueKind.String ? items[0].GetString()! : string.Empty;
        return new ServerSideEvent(name, new SocketIOArgs([.. items.Skip(1).Select(i => (object?)i.Clone())], options), ack);
    }
}
