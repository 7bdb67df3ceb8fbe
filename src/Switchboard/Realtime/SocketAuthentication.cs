using System.Text.Json;
using Switchboard.Auth;
using Switchboard.Tenancy;
using Switchboard.SocketIO;

namespace Switchboard.Realtime;

/// <summary>
/// Authenticates the CONNECT packet with an API token — `auth: {token, business_id?}`, an Authorization
/// header or a `token` query — and picks the workspace as the REST face does. Refusals reach the client as
/// connect_error with a message. The rooms joined here are only noted on the socket: Switchboard.SocketIO enters
/// them in the same step that registers the socket, after every middleware passed, so a client that drops
/// during the lookups below leaves no room entry behind, and presence (counted from OnConnection) never sees it.
/// </summary>
public sealed class SocketAuthentication(IServiceScopeFactory scopes)
{
    public const string UserKey = "user_id";
    public const string WorkspaceKey = "workspace_id";
    public const string TokenKey = "token_id";

    public async Task AuthenticateAsync(Socket socket, Func<Task> next)
    {
        var auth = socket.Handshake.Auth;
        var token = Text(auth, "token") ?? BearerFrom(socket) ?? First(socket.Handshake.Query, "token");
        var business = Text(auth, "business_id") ?? First(socket.Handshake.Query, "business_id")
            ?? First(socket.Handshake.Headers, "x-workspace-id");
        if (token is null) throw new SocketIOConnectionException("Not authenticated");

        await using var scope = scopes.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<TokenService>().FindAsync(token);
        if (found is null) throw new SocketIOConnectionException("Not authenticated");
        var caller = await scope.ServiceProvider.GetRequiredService<CallerResolver>()
            .ResolveAsync(found.UserId, business, headerRequired: false);
        if (!caller.Succeeded)
            throw new SocketIOConnectionException(caller.Failure.Message,
                // The same flag as the REST refusal, so a client can send its user to the account's setup.
                caller.Failure.Kind == Domain.FailureKind.SecondFactorSetupRequired ? new { two_factor_setup_required = true } : null);

        string[] rooms =
        [
            Rooms.User(found.UserId),
            Rooms.Business(caller.Value.WorkspaceId),
            Rooms.Member(caller.Value.WorkspaceId, found.UserId),
            Rooms.Token(found.Id),
        ];
        // A restored session brings back the rooms it held when it was cut. It is kept only when it belongs to
        // the user of this token and holds nothing beyond what that user may hold now (membership read above,
        // active members only): otherwise a fresh session, with no old rooms and no replay of missed events.
        if (socket.Recovered && !MayKeep(socket, found.UserId, rooms)) socket.DeclineRecovery();
        socket.Data[UserKey] = found.UserId;
        socket.Data[WorkspaceKey] = caller.Value.WorkspaceId;
        socket.Data[TokenKey] = found.Id;
        await socket.JoinAsync(rooms);
        await next();
    }

    /// <summary>
    /// Whether a restored session may stay: same user, and every restored room (its own id room aside) is one of
    /// the rooms this connection gets now. A session restored from Redis carries plain JSON values in Data, one
    /// kept in memory a Guid: both compare as text.
    /// </summary>
    private static bool MayKeep(Socket socket, Guid userId, string[] roomsNow)
    {
        socket.Data.TryGetValue(UserKey, out var restoredUser);
        var text = restoredUser switch
        {
            Guid id => id.ToString(),
            JsonElement { ValueKind: JsonValueKind.String } json => json.GetString(),
            _ => null,
        };
        if (!Guid.TryParse(text, out var restoredId) || restoredId != userId) return false;
        foreach (var room in socket.Rooms)
            if (room != socket.Id && Array.IndexOf(roomsNow, room) < 0)
                return false;
        return true;
    }

    private static string? Text(JsonElement auth, string name) =>
        auth.ValueKind == JsonValueKind.Object && auth.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? BearerFrom(Socket socket)
    {
        var header = First(socket.Handshake.Headers, "authorization");
        return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : null;
    }

    private static string? First(IReadOnlyDictionary<string, Microsoft.Extensions.Primitives.StringValues> values, string key)
    {
        foreach (var (name, value) in values)
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase) && value.Count > 0 && !string.IsNullOrEmpty(value[0]))
                return value[0];
        return null;
    }
}
