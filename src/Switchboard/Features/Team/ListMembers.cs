using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Features.Workspaces;

namespace Switchboard.Features.Team;

/// <summary>GET /api/v1/team/members: every member of the caller's workspace, the owner included.</summary>
public static class ListMembers
{
    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db)
    {
        var workspaceId = http.Caller().WorkspaceId;
        var rows = await db.Memberships.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId)
            .OrderBy(m => m.InvitedAt).ThenBy(m => m.Id)
            .Select(m => new { Member = m, m.User })
            .ToListAsync();
        return Results.Ok(rows.Select(r => MemberView.From(r.Member, r.User!)));
    }
}
