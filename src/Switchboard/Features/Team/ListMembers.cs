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
            .Select(m => MemberView.From(m.Id, m.User!.Id, m.User.Email, m.User.Name, m.Role, m.Status, m.IsActive, m.InvitedAt))));

    /// <summary>The list as JSON bytes, from <see cref="WorkspaceCache"/> when this node read it since the last change.</summary>
    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, WorkspaceCache cache,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var workspaceId = http.Caller().WorkspaceId;
        var key = $"members:{workspaceId:N}";
        if (!cache.TryGet<byte[]>(key, out var body))
        {
            var stamp = cache.Stamp();
            var rows = new List<MemberView>();
            await foreach (var member in Members.For(db)(db, workspaceId)) rows.Add(member);
            body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(rows, json.Value.SerializerOptions);
            cache.Set(key, body, stamp, workspaceId);
        }
        return Results.Bytes(body, "application/json; charset=utf-8");
    }
}
