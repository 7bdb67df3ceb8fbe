using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Features.Routing;

/// <summary>
/// Who routing may choose in one pass, read once under the workspace lock: routable members with their load,
/// capacity, teams and skills. <see cref="Took"/> counts an assignment made in the pass.
/// </summary>
public sealed class Candidates
{
    private readonly List<AgentPicker.Candidate> _all;
    private readonly Dictionary<Guid, BusinessHours> _hours;
    private readonly NodaTime.Instant _now;
    private readonly Guid? _afterHoursTeamId;

    private Candidates(List<AgentPicker.Candidate> all, Dictionary<Guid, BusinessHours> hours, DateTime now, Guid? afterHoursTeamId)
    {
        _all = all;
        _hours = hours;
        _afterHoursTeamId = afterHoursTeamId;
        _now = NodaTime.Instant.FromDateTimeUtc(DateTime.SpecifyKind(now, DateTimeKind.Utc));
    }

    public IReadOnlyList<AgentPicker.Candidate> All => _all;

    public bool AnyRoom => _all.Any(c => c.HasRoom);

    /// <summary>Whether the conversation's team is working now (teams without hours always are).</summary>
    public bool IsOpen(AgentPicker.Need need) =>
        need.TeamId is not { } team || !_hours.TryGetValue(team, out var hours) || hours.IsOpenAt(_now);

    /// <summary>
    /// For a conversation whose team is closed now: the same need with the workspace's after-hours team instead,
    /// when there is one and it is open; null when the conversation must wait for its own team.
    /// </summary>
    public AgentPicker.Need? AfterHours(AgentPicker.Need need)
    {
        if (_afterHoursTeamId is not { } team || team == need.TeamId) return null;
        var instead = need with { TeamId = team };
        return IsOpen(instead) ? instead : null;
    }

    /// <summary>Candidates as given (tests, benchmarks), with the hours of the teams that keep them.</summary>
    public static Candidates Of(IEnumerable<AgentPicker.Candidate> all, Dictionary<Guid, BusinessHours>? hours = null, DateTime? now = null,
        Guid? afterHoursTeamId = null) =>
        new([.. all], hours ?? [], now ?? DateTime.UtcNow, afterHoursTeamId);

    public void Took(AgentPicker.Candidate chosen)
    {
        var index = _all.IndexOf(chosen);
        _all[index] = chosen with { Load = chosen.Load + 1 };
    }

    public static async Task<Candidates> LoadAsync(SwitchboardDb db, Workspace workspace, DateTime now)
    {
        var members = await db.Memberships.Where(m => m.WorkspaceId == workspace.Id).Where(Membership.IsRoutable).ToListAsync();
        var loads = await AssigneeLoads.ByUserAsync(db, workspace.Id);
        var teams = (await (from t in db.TeamMembers
                    join m in db.Memberships on t.MembershipId equals m.Id
                    where m.WorkspaceId == workspace.Id
                    select new { t.MembershipId, t.TeamId }).ToListAsync())
            .ToLookup(x => x.MembershipId, x => x.TeamId);
        var skills = (await (from s in db.MemberSkills
                    join m in db.Memberships on s.MembershipId equals m.Id
                    where m.WorkspaceId == workspace.Id
                    select new { s.MembershipId, s.Skill }).ToListAsync())
            .ToLookup(x => x.MembershipId, x => x.Skill);
        var hours = (await db.Teams.AsNoTracking().Where(t => t.WorkspaceId == workspace.Id && t.Hours != null)
                .Select(t => new { t.Id, t.Hours }).ToListAsync())
            .ToDictionary(t => t.Id, t => Teams.HoursJson.Read(t.Hours)!);
        return new Candidates(members.Select(m => new AgentPicker.Candidate(m, loads.GetValueOrDefault(m.UserId),
            m.Capacity ?? workspace.DefaultCapacity, teams[m.Id].ToHashSet(), skills[m.Id].ToHashSet(StringComparer.Ordinal))).ToList(),
            hours, now, workspace.AfterHoursTeamId);
    }
}
