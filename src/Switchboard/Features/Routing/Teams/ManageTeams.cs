using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Tenancy;


namespace Switchboard.Features.Routing.Teams;

/// <summary>
/// Teams of a workspace: create, list, read, rename, delete, and add or remove members (owner and admins; every member
/// may read). Changes run as a <see cref="WorkspaceWork"/>, so a name is checked unique under the lock and a routing
/// pass never sees half a change; each raises <see cref="RoutingChanged"/>, since who may take the waiting
/// conversations may have moved, and <see cref="TeamUpdated"/>, so other managers' open Teams pages redraw. Deleting a team lets its conversations route to anyone (their team_id becomes null);
/// the default team ("Everyone", which new members join) cannot be deleted.
/// </summary>
public static class ManageTeams
{
    public sealed record Request(string? Name);

    private const string ManagersOnly = "Only the org owner or admins can manage teams";

    public static async Task<IResult> ListAsync(HttpContext http, SwitchboardDb db) =>
        Answer.Value(await TeamView.ListAsync(db, http.Caller().WorkspaceId));

    public static async Task<IResult> GetAsync(HttpContext http, SwitchboardDb db, string id)
    {
        var team = await FindAsync(db, http.Caller(), id);
        return team is null ? NotFound() : Answer.Value(await TeamView.LoadAsync(db, team));
    }

    public static async Task<IResult> CreateAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time)
    {
        var caller = http.Caller();
        if (!caller.May(Permission.AssignConversations)) return Answer.Refuse(Failure.Forbidden(ManagersOnly));
        var (name, invalid) = await ReadNameAsync(http, required: true);
        if (invalid is not null) return invalid;

        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        if (work is null) return NotFound();
        if (await NameTakenAsync(db, caller.WorkspaceId, name!, except: null)) return NameTaken();
        var now = time.Now();
        var team = new Domain.Team { WorkspaceId = caller.WorkspaceId, Name = name!, CreatedAt = now };
        db.Teams.Add(team);
        AuditLog.Record(db, now, caller.WorkspaceId, caller.UserId, "team.created", "team", team.Id, new { name });
        work.Raise(new TeamUpdated(caller.WorkspaceId, team.Id, TeamChange.Created));
        await work.CommitAsync();
        return Answer.Value(TeamView.From(team, []), StatusCodes.Status201Created);
    }

    public static async Task<IResult> UpdateAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time, string id)
    {
        var caller = http.Caller();
        var (name, invalid) = await ReadNameAsync(http, required: false);
        if (invalid is not null) return invalid;
        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        var team = work is null ? null : await FindAsync(db, caller, id, tracked: true);
        if (team is null) return NotFound();
        if (!caller.May(Permission.AssignConversations)) return Answer.Refuse(Failure.Forbidden(ManagersOnly));
        if (name is not null && name != team.Name)
        {
            if (await NameTakenAsync(db, caller.WorkspaceId, name, except: team.Id)) return NameTaken();
            AuditLog.Record(db, time.Now(), caller.WorkspaceId, caller.UserId, "team.renamed", "team", team.Id,
                new { from = team.Name, to = name });
            team.Name = name;
            work!.Raise(new TeamUpdated(caller.WorkspaceId, team.Id, TeamChange.Renamed));
        }
        await work!.CommitAsync();
        return Answer.Value(await TeamView.LoadAsync(db, team));
    }

    public static async Task<IResult> DeleteAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time, string id)
    {
        var caller = http.Caller();
        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        var team = work is null ? null : await FindAsync(db, caller, id, tracked: true);
        if (team is null) return NotFound();
        if (!caller.May(Permission.AssignConversations)) return Answer.Refuse(Failure.Forbidden(ManagersOnly));
        if (team.IsDefault) return Answer.Refuse(Failure.Blocked("The default team cannot be deleted"));
        // Explicitly, rather than by the foreign key alone: SQLite enforces ON DELETE SET NULL only with foreign keys on.
        await db.Conversations.Where(c => c.WorkspaceId == caller.WorkspaceId && c.TeamId == team.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.TeamId, (Guid?)null));
        await db.TeamMembers.Where(m => m.TeamId == team.Id).ExecuteDeleteAsync();
        // No after-hours team any more: outside hours conversations wait again, as without one.
        await db.Workspaces.Where(w => w.Id == caller.WorkspaceId && w.AfterHoursTeamId == team.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.AfterHoursTeamId, (Guid?)null));
        db.Teams.Remove(team);
        AuditLog.Record(db, time.Now(), caller.WorkspaceId, caller.UserId, "team.deleted", "team", team.Id, new { name = team.Name });
        work!.Raise(new RoutingChanged(caller.WorkspaceId));
        work.Raise(new TeamUpdated(caller.WorkspaceId, team.Id, TeamChange.Deleted));
        await work.CommitAsync();
        return Answer.Message("Team deleted");
    }

    /// <summary>PUT …/teams/{id}/members/{member_id}: idempotent; a member may be in several teams.</summary>
    public static Task<IResult> AddMemberAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time,
        string id, [Microsoft.AspNetCore.Mvc.FromRoute(Name = "member_id")] string memberId) =>
        ChangeMembershipAsync(http, db, events, time, id, memberId, add: true);

    /// <summary>DELETE …/teams/{id}/members/{member_id}: idempotent.</summary>
    public static Task<IResult> RemoveMemberAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time,
        string id, [Microsoft.AspNetCore.Mvc.FromRoute(Name = "member_id")] string memberId) =>
        ChangeMembershipAsync(http, db, events, time, id, memberId, add: false);

    private static async Task<IResult> ChangeMembershipAsync(HttpContext http, SwitchboardDb db, IDomainEvents events,
        TimeProvider time, string id, string memberId, bool add)
    {
        var caller = http.Caller();
        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        var team = work is null ? null : await FindAsync(db, caller, id);
        if (team is null) return NotFound();
        var member = Guid.TryParse(memberId, out var m)
            ? await db.Memberships.AsNoTracking().FirstOrDefaultAsync(x => x.Id == m && x.WorkspaceId == caller.WorkspaceId)
            : null;
        if (member is null) return Answer.Refuse(Failure.NotFound("Team member not found"));
        if (!caller.May(Permission.AssignConversations)) return Answer.Refuse(Failure.Forbidden(ManagersOnly));
        var row = await db.TeamMembers.FirstOrDefaultAsync(x => x.TeamId == team.Id && x.MembershipId == member.Id);
        var now = time.Now();
        if (add && row is null)
            db.TeamMembers.Add(new TeamMember { TeamId = team.Id, MembershipId = member.Id, CreatedAt = now });
        else if (!add && row is not null)
            db.TeamMembers.Remove(row);
        else
            return Answer.Value(await TeamView.LoadAsync(db, team));
        AuditLog.Record(db, now, caller.WorkspaceId, caller.UserId, add ? "team.member_added" : "team.member_removed",
            "team", team.Id, new { member_id = member.Id });
        work!.Raise(new RoutingChanged(caller.WorkspaceId));
        work.Raise(new TeamUpdated(caller.WorkspaceId, team.Id, TeamChange.Members));
        await work.CommitAsync();
        return Answer.Value(await TeamView.LoadAsync(db, team));
    }

    private static async Task<(string? Name, IResult? Invalid)> ReadNameAsync(HttpContext http, bool required)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return (null, Answer.Invalid([error]));
        var input = new Input(body);
        var name = input.String("name", required, max: Domain.Team.MaxNameLength)?.Trim();
        if (input.IsValid && name is { Length: 0 }) input.Fail("name", FieldRule.Required);
        return input.IsValid ? (name, null) : (null, Answer.Invalid(input.Errors));
    }

    /// <summary>Names are unique in a workspace, whatever their case.</summary>
    private static async Task<bool> NameTakenAsync(SwitchboardDb db, Guid workspaceId, string name, Guid? except)
    {
        var names = await db.Teams.AsNoTracking().Where(t => t.WorkspaceId == workspaceId && t.Id != except)
            .Select(t => t.Name).ToListAsync();
        return names.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
    }

    private static IResult NameTaken() =>
        Answer.Invalid(new FieldError("body", "name", FieldRule.Custom, Message: "a team with this name already exists"));

    internal static async Task<Domain.Team?> FindAsync(SwitchboardDb db, Caller caller, string id, bool tracked = false)
    {
        if (!Guid.TryParse(id, out var teamId)) return null;
        var query = tracked ? db.Teams : db.Teams.AsNoTracking();
        return await query.FirstOrDefaultAsync(t => t.Id == teamId && t.WorkspaceId == caller.WorkspaceId);
    }

    private static IResult NotFound() => Answer.Refuse(Failure.NotFound("Team not found"));
}
