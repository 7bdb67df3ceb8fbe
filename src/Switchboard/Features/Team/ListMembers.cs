using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Tenancy;

namespace Switchboard.Features.Team;

/// <summary>GET /api/v1/team/members: every member of the caller's workspace, the owner included.</summary>
public static class ListMembers
{
    // Compiled once, and only the columns the view shows (not the whole user row with its password hash).
    private static readonly CompiledPerProvider<Func<SwitchboardDb, Guid, IAsyncEnumerable<MemberView>>> Members = new(() =>
        EF.CompileAsyncQuery((SwitchboardDb db, Guid workspaceId) => db.Memberships.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId)
            .OrderBy(m => m.InvitedAt).ThenBy(m => m.Id)
            .Select(m => MemberView.From(m.Id, m.User!.Id, m.User.Email, m.User.Name, m.Role, m.Status, m.IsActive, m.InvitedAt, m.SuspendedAt))));

    /// <summary>The list as JSON bytes, from <see cref="WorkspaceCache"/> when this node read it since the last change.</summary>
    public static Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, WorkspaceCache cache)
    {
        var workspaceId = http.Caller().WorkspaceId;
        return cache.JsonAsync(http, "members", workspaceId, async () =>
        {
            var rows = new List<MemberView>();
            await foreach (var member in Members.For(db)(db, workspaceId)) rows.Add(member);
            return rows;
        });
    }
}
