using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Features.Team;

namespace Switchboard.Features.Scim;

/// <summary>
/// Group membership → role and seat, by the workspace's mapping (<see cref="ScimSettings"/>): run after every change
/// that can move it (a group's members or name, a user's activation, the mapping itself), inside the workspace's unit
/// of work so a plan that is full refuses the whole change. The owner is never touched.
/// </summary>
public static class ScimMapping
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static async Task<ScimSettings> SettingsAsync(SwitchboardDb db, Guid workspaceId) =>
        await db.ScimSettings.FirstOrDefaultAsync(s => s.WorkspaceId == workspaceId) ?? new ScimSettings { WorkspaceId = workspaceId };

    public static IReadOnlyList<ScimSettings.Mapping> Map(ScimSettings settings) =>
        JsonSerializer.Deserialize<List<ScimSettings.Mapping>>(settings.GroupMap, Json) ?? [];

    /// <summary>The role and seat each of these SCIM users should have now.</summary>
    public static async Task<Dictionary<Guid, (Role Role, Seat Seat)>> DesiredAsync(SwitchboardDb db, Guid workspaceId,
        IReadOnlyCollection<Guid> scimUserIds)
    {
        var settings = await SettingsAsync(db, workspaceId);
        var map = Map(settings);
        var groups = await db.ScimGroupMembers
            .Where(m => scimUserIds.Contains(m.ScimUserId))
            .Join(db.ScimGroups.Where(g => g.WorkspaceId == workspaceId), m => m.GroupId, g => g.Id, (m, g) => new { m.ScimUserId, g.NormalizedName })
            .ToListAsync();
        return scimUserIds.ToDictionary(id => id, id =>
            settings.For(groups.Where(g => g.ScimUserId == id).Select(g => g.NormalizedName).ToHashSet(), map));
    }

    /// <summary>Brings these users' memberships to the mapped role and seat; the failure (a full plan) when one cannot move.</summary>
    public static async Task<ScimError?> ApplyAsync(SwitchboardDb db, WorkspaceWork work, DateTime now, Guid tokenId,
        IReadOnlyCollection<Guid> scimUserIds)
    {
        if (scimUserIds.Count == 0) return null;
        var workspaceId = work.Workspace.Id;
        var desired = await DesiredAsync(db, workspaceId, scimUserIds);
        var links = await db.ScimUsers.Where(u => u.WorkspaceId == workspaceId && scimUserIds.Contains(u.Id))
            .Select(u => new { u.Id, u.UserId }).ToListAsync();
        var userIds = links.Select(l => l.UserId).ToList();
        var members = await db.Memberships.Where(m => m.WorkspaceId == workspaceId && userIds.Contains(m.UserId)).ToListAsync();
        // Seats given up first, so moving one person from full to lite and another from lite to full fits a full plan.
        var moves = links
            .Select(l => (Member: members.FirstOrDefault(m => m.UserId == l.UserId), Want: desired[l.Id]))
            .Where(x => x.Member is { IsOwner: false } && (x.Member.Role != x.Want.Role || x.Member.Seat != x.Want.Seat))
            .OrderBy(x => x.Want.Seat == Seat.Full ? 1 : 0)
            .ToList();
        foreach (var (member, want) in moves)
        {
            if (await ChangeMember.ApplyInWorkAsync(db, work, now, null, member!, want.Role, want.Seat, tokenId) is { } refused)
                return ScimError.Conflict($"{refused.Message} (the group mapping would give {want.Role.Wire()} on a {want.Seat.Wire()} seat)");
            // The next move counts seats from the database: this one must be in it.
            await db.SaveChangesAsync();
        }
        return null;
    }
}
