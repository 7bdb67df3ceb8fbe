using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Tenancy;

namespace Switchboard.Features.Scim;

/// <summary>
/// GET and PUT /api/v1/team/scim/settings (owner only): {default_role, default_seat, group_map: [{group, role, seat}]}.
/// Saving re-applies the mapping to every provisioned member at once, under the workspace lock; a mapping the plan
/// cannot hold is refused whole (402 with words).
/// </summary>
public static class ScimSettingsApi
{
    public sealed record View(string DefaultRole, string DefaultSeat, IReadOnlyList<MappingView> GroupMap);
    public sealed record MappingView(string Group, string Role, string Seat);

    public const int MaxMappings = 100;
    private const string OwnerOnly = "Only the org owner can manage SCIM provisioning";

    public static async Task<IResult> GetAsync(HttpContext http, SwitchboardDb db)
    {
        var caller = http.Caller();
        if (!caller.Member.IsOwner) return Answer.Refuse(Failure.OwnerOnly(OwnerOnly));
        return Answer.Value(ViewOf(await ScimMapping.SettingsAsync(db, caller.WorkspaceId)));
    }

    public static async Task<IResult> PutAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time)
    {
        var caller = http.Caller();
        if (!caller.Member.IsOwner) return Answer.Refuse(Failure.OwnerOnly(OwnerOnly));
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var role = input.Choice<Role>("default_role", input.String("default_role", max: 16));
        var seat = input.Choice<Seat>("default_seat", input.String("default_seat", max: 16));
        var map = ReadMap(body, input);
        if (role == Role.Owner) input.Fail("default_role", FieldRule.Custom, message: "must be admin or agent");
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var now = time.Now();
        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        if (work is null) return Answer.Refuse(Failure.NotFound("Workspace not found"));
        var settings = await db.ScimSettings.FirstOrDefaultAsync(s => s.WorkspaceId == caller.WorkspaceId);
        if (settings is null)
        {
            settings = new ScimSettings { WorkspaceId = caller.WorkspaceId };
            db.ScimSettings.Add(settings);
        }
        settings.DefaultRole = role ?? settings.DefaultRole;
        settings.DefaultSeat = seat ?? settings.DefaultSeat;
        if (map is not null) settings.GroupMap = JsonSerializer.Serialize(map, ScimMapping.Json);
        settings.UpdatedAt = now;
        AuditLog.Record(db, now, caller.WorkspaceId, caller.UserId, "scim.settings.updated", "workspace", caller.WorkspaceId, ViewOf(settings));
        await db.SaveChangesAsync();
        var everyone = await db.ScimUsers.Where(u => u.WorkspaceId == caller.WorkspaceId).Select(u => u.Id).ToListAsync();
        if (await ScimMapping.ApplyAsync(db, work, now, Guid.Empty, everyone) is { } refused)
            return Answer.Refuse(Failure.PlanLimit(refused.Detail));
        await work.CommitAsync();
        return Answer.Value(ViewOf(settings));
    }

    private static List<ScimSettings.Mapping>? ReadMap(JsonElement body, Input input)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("group_map", out var list)) return null;
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > MaxMappings)
        {
            input.Fail("group_map", FieldRule.Custom, message: $"must be a list of at most {MaxMappings} {{group, role, seat}}");
            return null;
        }
        var map = new List<ScimSettings.Mapping>();
        foreach (var item in list.EnumerateArray())
        {
            string? Text(string name) => item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var v)
                && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var group = Text("group")?.Trim();
            var ok = WireNames.TryParseWire<Role>(Text("role"), out var role) && role != Role.Owner;
            ok &= WireNames.TryParseWire<Seat>(Text("seat") ?? "full", out var seat);
            if (string.IsNullOrEmpty(group) || group.Length > 255 || !ok)
            {
                input.Fail("group_map", FieldRule.Custom, message: "each entry needs a group name, a role (admin or agent) and a seat (full or lite)");
                return null;
            }
            map.Add(new ScimSettings.Mapping(group, role, seat));
        }
        return map;
    }

    private static View ViewOf(ScimSettings settings) => new(settings.DefaultRole.Wire(), settings.DefaultSeat.Wire(),
        [.. ScimMapping.Map(settings).Select(m => new MappingView(m.Group, m.Role.Wire(), m.Seat.Wire()))]);
}
