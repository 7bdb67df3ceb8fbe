using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Faces;
using Switchboard.Tenancy;

namespace Switchboard.Features.Team;

/// <summary>
/// GET /api/v1/team/members: every member of the caller's workspace, the owner included. With any of
/// <see cref="MemberQuery"/>'s parameters, one page of the matching members instead: {items, page, page_size, total}.
/// </summary>
public static class ListMembers
{
    /// <summary>One page of a searched, filtered or sorted list, in PingBack's paging shape (as the audit log).</summary>
    public sealed record MembersPage(IReadOnlyList<MemberView> Items, int Page, int PageSize, int Total);

    // Compiled once, and only the columns the view shows (not the whole user row with its password hash).
    private static readonly CompiledPerProvider<Func<SwitchboardDb, Guid, IAsyncEnumerable<MemberView>>> Members = new(() =>
        EF.CompileAsyncQuery((SwitchboardDb db, Guid workspaceId) => db.Memberships.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId)
            .OrderBy(m => m.InvitedAt).ThenBy(m => m.Id)
            .Select(m => MemberView.From(m.Id, m.User!.Id, m.User.Email, m.User.Name, m.Role, m.Status, m.IsActive, m.InvitedAt))));

    /// <summary>The list as JSON bytes, from <see cref="WorkspaceCache"/> when this node read it since the last change.</summary>
    public static Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, WorkspaceCache cache,
        [AsParameters] MemberQuery.Parameters parameters)
    {
        var workspaceId = http.Caller().WorkspaceId;
        if (!MemberQuery.IsAbsent(http.Request)) return PageAsync(http, db, cache, workspaceId, parameters);
        return cache.JsonAsync(http, "members", workspaceId, async () =>
        {
            var rows = new List<MemberView>();
            await foreach (var member in Members.For(db)(db, workspaceId)) rows.Add(member);
            return rows;
        });
    }

    private static async Task<IResult> PageAsync(HttpContext http, SwitchboardDb db, WorkspaceCache cache, Guid workspaceId,
        MemberQuery.Parameters parameters)
    {
        var input = Input.Empty("query");
        var query = MemberQuery.Parse(parameters, input);
        if (!input.IsValid) return Answer.Invalid(input.Errors);
        return await cache.JsonAsync(http, "members", workspaceId, async () =>
        {
            var (rows, total) = await query.ReadAsync(db.Memberships.AsNoTracking().Where(m => m.WorkspaceId == workspaceId), db.TeamMembers.AsNoTracking(),
                m => MemberView.From(m.Id, m.User!.Id, m.User.Email, m.User.Name, m.Role, m.Status, m.IsActive, m.InvitedAt));
            return new MembersPage(rows, query.Page, query.PageSize, total);
        }, variant: query.Key);
    }
}
