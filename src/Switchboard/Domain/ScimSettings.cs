namespace Switchboard.Domain;

/// <summary>
/// How a workspace maps what its identity provider says to a role and a seat: users in no mapped group get the
/// defaults; a user in several mapped groups gets the highest role and a full seat if any group gives one.
/// </summary>
public sealed class ScimSettings
{
    public Guid WorkspaceId { get; init; }
    public Role DefaultRole { get; set; } = Role.Agent;
    public Seat DefaultSeat { get; set; } = Seat.Full;
    /// <summary>The group mapping as JSON: [{"group": "Support Admins", "role": "admin", "seat": "full"}, …].</summary>
    public string GroupMap { get; set; } = "[]";
    public DateTime UpdatedAt { get; set; }

    public sealed record Mapping(string Group, Role Role, Seat Seat);

    /// <summary>The role and seat for a user in these groups (normalized names).</summary>
    public (Role Role, Seat Seat) For(IReadOnlyCollection<string> groups, IReadOnlyList<Mapping> map)
    {
        var matched = map.Where(m => groups.Contains(ScimGroup.Normalize(m.Group))).ToList();
        if (matched.Count == 0) return (DefaultRole, DefaultSeat);
        var role = matched.Any(m => m.Role == Role.Admin) ? Role.Admin : Role.Agent;
        var seat = matched.Any(m => m.Seat == Seat.Full) ? Seat.Full : Seat.Lite;
        return (role, seat);
    }
}
