using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Tenancy;

namespace Switchboard.Features.Routing.Teams;

/// <summary>
/// PUT /api/v1/team/members/{id}/skills {"skills": [...]} (owner and admins): replaces the member's skills. A skill
/// nobody else holds is accepted: skills are the workspace's own words, not a fixed list.
/// </summary>
public static class MemberSkills
{
    public sealed record Request(IReadOnlyList<string> Skills);

    public sealed record View(Guid MemberId, IReadOnlyList<string> Skills);

    public static async Task<IResult> PutAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time, string id)
    {
        var caller = http.Caller();
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var skills = SkillList.Read(input, body, "skills", required: true);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        var member = work is null || !Guid.TryParse(id, out var memberId) ? null
            : await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId && m.WorkspaceId == caller.WorkspaceId);
        if (member is null) return Answer.Refuse(Failure.NotFound("Team member not found"));
        if (!caller.May(Permission.AssignConversations))
            return Answer.Refuse(Failure.Forbidden("Only the org owner or admins can change skills"));
        await db.MemberSkills.Where(s => s.MembershipId == member.Id).ExecuteDeleteAsync();
        db.MemberSkills.AddRange(skills!.Select(s => new MemberSkill { MembershipId = member.Id, Skill = s }));
        AuditLog.Record(db, time.Now(), caller.WorkspaceId, caller.UserId, "skills.changed", "membership", member.Id, new { skills });
        work!.Raise(new RoutingChanged(caller.WorkspaceId));
        await work.CommitAsync();
        return Answer.Value(new View(member.Id, skills!.Order(StringComparer.Ordinal).ToList()));
    }

    public static async Task<IResult> GetAsync(HttpContext http, SwitchboardDb db, string id)
    {
        var caller = http.Caller();
        var member = !Guid.TryParse(id, out var memberId) ? null
            : await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId && m.WorkspaceId == caller.WorkspaceId);
        if (member is null) return Answer.Refuse(Failure.NotFound("Team member not found"));
        var skills = await db.MemberSkills.AsNoTracking().Where(s => s.MembershipId == member.Id)
            .Select(s => s.Skill).ToListAsync();
        return Answer.Value(new View(member.Id, skills.Order(StringComparer.Ordinal).ToList()));
    }
}
