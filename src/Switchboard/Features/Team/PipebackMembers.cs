using System.Text.Json.Serialization;
using Switchboard.Faces;
using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces.Pipeback;
using Switchboard.Tenancy;

namespace Switchboard.Features.Team;

/// <summary>
/// GET /app/members and DELETE /app/members/{id}: the Pipeback face of the team, and its one member resource
/// (<see cref="View"/>), which PATCH /app/members/{id} answers too. Removal is the shared
/// <see cref="RemoveMember"/> operation, so the seat ledger frees the seat.
/// </summary>
public static class PipebackMembers
{
    /// <param name="TwoFactorEnabled">
    /// Whether the member has a second factor: in the list, and only to the owner and admins (who act on a two-factor
    /// policy); absent otherwise, so agents do not learn whose account is the easier target.
    /// </param>
    public sealed record View(Guid Id, Guid UserId, string Name, string Email, string Role, string Seat, string Status,
        bool IsActive, string CreatedAt, string UpdatedAt, string? SuspendedAt,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? TwoFactorEnabled = null)
    {
        public static View From(Membership m, Domain.User u, bool? twoFactorEnabled = null) => new(m.Id, u.Id, u.Name, u.Email, m.Role.Wire(),
            m.Seat.Wire(), m.Status.Wire(), m.IsActive, PipebackFace.Timestamp(m.InvitedAt), PipebackFace.Timestamp(m.UpdatedAt),
            m.SuspendedAt is { } at ? PipebackFace.Timestamp(at) : null, twoFactorEnabled);
    }

    /// <summary>Owners and admins see who has a second factor; each audience is its own cache entry.</summary>
    private static bool SeesCompliance(Caller caller) => caller.Member.Role is Role.Owner or Role.Admin;

    private static string Kind(Caller caller) => SeesCompliance(caller) ? "members-pipeback-2fa" : "members-pipeback";

    /// <summary>Laravel's paginator meta, beside "data" when the list was searched, filtered, sorted or paged.</summary>
    public sealed record PageMeta(int CurrentPage, int LastPage, int PerPage, int Total);

    public sealed record MembersPage(IReadOnlyList<View> Data, PageMeta Meta);

    public static Task<IResult> ListAsync(HttpContext http, SwitchboardDb db, WorkspaceCache cache,
        [AsParameters] MemberQuery.Parameters parameters)
    {
        var caller = http.Caller();
        var workspaceId = caller.WorkspaceId;
        if (!MemberQuery.IsAbsent(http.Request)) return PageAsync(http, db, cache, caller, parameters);
        return cache.JsonAsync(http, Kind(caller), workspaceId, async () =>
        {
            var rows = await db.Memberships.AsNoTracking()
                .Where(m => m.WorkspaceId == workspaceId)
                .OrderBy(m => m.InvitedAt).ThenBy(m => m.Id)
                .Select(m => new { Member = m, m.User })
                .ToListAsync();
            var holders = await HoldersAsync(db, caller);
            return rows.Select(r => View.From(r.Member, r.User!, holders?.Contains(r.Member.UserId))).ToList();
        });
    }

    /// <summary>One page of the list: {"data": [...], "meta": {current_page, last_page, per_page, total}}.</summary>
    private static async Task<IResult> PageAsync(HttpContext http, SwitchboardDb db, WorkspaceCache cache, Caller caller,
        MemberQuery.Parameters parameters)
    {
        var workspaceId = caller.WorkspaceId;
        var input = Input.Empty("query");
        var query = MemberQuery.Parse(parameters, input);
        if (!input.IsValid) return Answer.Invalid(input.Errors);
        return await cache.JsonAsync(http, Kind(caller), workspaceId, async () =>
        {
            var (rows, total) = await query.ReadAsync(db.Memberships.AsNoTracking().Where(m => m.WorkspaceId == workspaceId), db.TeamMembers.AsNoTracking(),
                m => new { Member = m, m.User });
            var holders = await HoldersAsync(db, caller);
            var views = rows.Select(r => View.From(r.Member, r.User!, holders?.Contains(r.Member.UserId))).ToList();
            return new MembersPage(views, new PageMeta(query.Page, query.LastPage(total), query.PageSize, total));
        }, variant: query.Key, enveloped: false);
    }

    /// <summary>The members of the workspace with a second factor (one query), or null for a caller who does not see it.</summary>
    private static async Task<HashSet<Guid>?> HoldersAsync(SwitchboardDb db, Caller caller) =>
        SeesCompliance(caller) ? (await SecondFactors.HoldersIn(db, caller.WorkspaceId).ToListAsync()).ToHashSet() : null;

    public static async Task<IResult> RemoveAsync(HttpContext http, string id, SwitchboardDb db, IDomainEvents events,
        TimeProvider time)
    {
        if (!Guid.TryParse(id, out var membershipId)) return Answer.Refuse(Failure.NotFound("Team member not found"));
        var removed = await RemoveMember.RemoveAsync(db, events, time.Now(), http.Caller(), membershipId);
        return removed.Succeeded ? Answer.Bare(new { }) : Answer.Refuse(removed.Failure);
    }
}
