namespace Switchboard.Realtime;

/// <summary>
/// Every socket joins the rooms of its user and of the workspace it connected to, plus one for the pair,
/// so an event meant for one member in one workspace never reaches that user's sockets of another workspace.
/// </summary>
public static class Rooms
{
    public static string User(Guid userId) => $"user_{userId}";
    public static string Business(Guid workspaceId) => $"business_{workspaceId}";
    public static string Member(Guid workspaceId, Guid userId) => $"member_{workspaceId}_{userId}";
    public static string Token(long tokenId) => $"token_{tokenId}";
}
