using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Features.Routing.Teams;

namespace Switchboard.Features.Conversations;

/// <summary>
/// A conversation's routing fields — team_id, required_skills, priority — as given on create or PATCH: read and
/// checked (a priority typo, an unknown team, a skill no member of the workspace holds are each a 422 naming the
/// field), then applied. Absent fields change nothing; on PATCH, null clears team_id or required_skills.
/// </summary>
public sealed record ConversationRouting(bool TeamGiven, Guid? TeamId, bool SkillsGiven, List<string>? Skills, Priority? Priority)
{
    public static ConversationRouting Read(Input input, JsonElement body)
    {
        var teamGiven = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("team_id", out _);
        var teamId = input.Uuid("team_id", input.String("team_id", max: 64), required: false);
        var skillsGiven = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("required_skills", out _);
        var skills = SkillList.Read(input, body, "required_skills", required: false);
        var priority = input.Choice<Priority>("priority", input.String("priority", max: 16));
        return new ConversationRouting(teamGiven, teamId, skillsGiven, skills, priority);
    }

    /// <summary>The checks that need the database: the team is this workspace's, every skill is held by one of its members.</summary>
    public async Task<List<FieldError>> CheckAsync(SwitchboardDb db, Guid workspaceId)
    {
        var errors = new List<FieldError>();
        if (TeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team && t.WorkspaceId == workspaceId))
            errors.Add(new FieldError("body", "team_id", FieldRule.Custom, Message: "unknown team"));
        if (Skills is { Count: > 0 } skills)
        {
            var held = await (from s in db.MemberSkills
                              join m in db.Memberships on s.MembershipId equals m.Id
                              where m.WorkspaceId == workspaceId && skills.Contains(s.Skill)
                              select s.Skill).Distinct().ToListAsync();
            var unknown = skills.Where(s => !held.Contains(s)).ToList();
            if (unknown.Count > 0)
                errors.Add(new FieldError("body", "required_skills", FieldRule.Custom,
                    Message: $"no member holds the skill '{unknown[0]}'"));
        }
        return errors;
    }

    /// <summary>Applies what was given; changed skills start unrelaxed, a changed priority moves the SLA target.</summary>
    public bool ApplyTo(Conversation conversation, Workspace workspace, DateTime now)
    {
        var changed = false;
        if (TeamGiven && conversation.TeamId != TeamId)
        {
            conversation.TeamId = TeamId;
            changed = true;
        }
        var joined = Skills is { Count: > 0 } s ? string.Join(',', s) : null;
        if (SkillsGiven && conversation.RequiredSkills != joined)
        {
            conversation.RequiredSkills = joined;
            conversation.SkillsRelaxedAt = null;
            changed = true;
        }
        if (Priority is { } p && conversation.Priority != p)
        {
            conversation.Priority = p;
            conversation.ApplySla(workspace, now);
            changed = true;
        }
        return changed;
    }
}
