using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Faces;
using Switchboard.Tenancy;

namespace Switchboard.Features.Routing.Teams;

/// <summary>
/// GET /api/v1/team/skills: every skill a member of the caller's workspace holds, with how many hold it, by name. Any
/// member may read it, as any member may read each member's skills; forms offer it so nobody has to guess a spelling.
/// It counts the same members a conversation's required_skills are checked against (suspended ones too), so every
/// skill it lists is one a conversation may require.
/// </summary>
public static class SkillCatalogue
{
    public sealed record Entry(string Skill, int Members);

    public static async Task<IResult> ListAsync(HttpContext http, SwitchboardDb db)
    {
        var workspaceId = http.Caller().WorkspaceId;
        var counts = await (from s in db.MemberSkills
                            join m in db.Memberships on s.MembershipId equals m.Id
                            where m.WorkspaceId == workspaceId
                            group s by s.Skill into skill
                            select new Entry(skill.Key, skill.Count())).ToListAsync();
        // Sorted here, not by the database: PostgreSQL's collation and SQLite's would order "c#" and "c++" differently.
        return Answer.Value(counts.OrderBy(e => e.Skill, StringComparer.Ordinal).ToList());
    }
}
