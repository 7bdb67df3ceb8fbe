using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces.PingBack;


namespace Switchboard.Features.Routing.Teams;

/// <summary>A team as the PingBack face shows it: its members by membership id, and whether it keeps business hours.</summary>
public sealed record TeamView(Guid Id, string Name, bool IsDefault, int MemberCount, IReadOnlyList<Guid> MemberIds,
    bool HasHours, string CreatedAt)
{
    public static async Task<TeamView> LoadAsync(SwitchboardDb db, Domain.Team team)
    {
        var members = await db.TeamMembers.AsNoTracking().Where(m => m.TeamId == team.Id)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.MembershipId).Select(m => m.MembershipId).ToListAsync();
        return From(team, members);
    }

    public static TeamView From(Domain.Team team, IReadOnlyList<Guid> members) => new(team.Id, team.Name, team.IsDefault,
        members.Count, members, team.Hours is not null, PingBackFace.Timestamp(team.CreatedAt));

    /// <summary>Every team of a workspace, oldest first, with their members in two queries.</summary>
    public static async Task<List<TeamView>> ListAsync(SwitchboardDb db, Guid workspaceId)
    {
        var teams = await db.Teams.AsNoTracking().Where(t => t.WorkspaceId == workspaceId)
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync();
        var ids = teams.Select(t => t.Id).ToList();
        var members = (await db.TeamMembers.AsNoTracking().Where(m => ids.Contains(m.TeamId))
                .OrderBy(m => m.CreatedAt).ThenBy(m => m.MembershipId).Select(m => new { m.TeamId, m.MembershipId }).ToListAsync())
            .ToLookup(m => m.TeamId, m => m.MembershipId);
        return teams.Select(t => From(t, members[t.Id].ToList())).ToList();
    }
}
