using System.Text.Json;

namespace Switchboard.SocketIO;

/// <summary>
/// A socket anywhere in the cluster as <c>FetchClusterSocketsAsync</c> sees it (Node: RemoteSocket): its id,
/// rooms, data and handshake as JSON. Act on it through the cluster-wide operations, e.g.
/// <c>io.In(remote.Id).DisconnectSocketsAsync()</c> or <c>io.In(remote.Id).SocketsJoinAsync("room")</c>.
/// </summary>
public sealed record RemoteSocket(string Id, IReadOnlyList<string> Rooms, JsonElement Data, JsonElement Handshake)
{
    /// <summary>The description of a socket of this node, as other nodes receive it (Node's FETCH_SOCKETS_RESPONSE shape).</summary>
    public static RemoteSocket From(Socket socket, JsonSerializerOptions options)
    {
        var handshake = socket.Handshake;
        var shape = new Dictionary<string, object?>
        {
            ["headers"] = handshake.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            ["time"] = handshake.Time.ToString("R"),
            ["address"] = handshake.Address,
            ["xdomain"] = handshake.Headers.ContainsKey("origin"),
            ["secure"] = handshake.Secure,
            ["issued"] = handshake.Time.ToUnixTimeMilliseconds(),
            ["url"] = handshake.Url,
            ["query"] = handshake.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            ["auth"] = handshake.Auth,
        };
        return new RemoteSocket(
            socket.Id,
            [.. socket.Rooms],
            JsonSerializer.SerializeToElement(socket.Data, options),
            JsonSerializer.SerializeToElement(shape, options));
    }
}
