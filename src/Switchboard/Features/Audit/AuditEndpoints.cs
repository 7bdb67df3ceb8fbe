using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Tenancy;

namespace Switchboard.Features.Audit;

/// <summary>
/// GET /api/v1/team/audit?page=&amp;page_size=&amp;action=&amp;actor_id=: the workspace's audit trail, newest first
/// (owner or admin), optionally only one action ("member.removed") or what one member did (their user id).
/// Each entry names its actor (actor_name) so a page need not load the whole team to say who did it.
/// </summary>
public static class AuditEndpoints
{
    /// <summary>How an actor whose account was deleted is named: the row keeps their id, the name went with the account.</summary>
    public const string DeletedUser = "deleted user";

    /// <param name="ActorScimTokenId">The SCIM token that made the change, when an identity provider did.</param>
    public sealed record Entry(long Id, string Action, Guid? ActorId, string? ActorName, string? TargetType, string? TargetId,
        JsonElement? Data, string CreatedAt, Guid? ActorScimTokenId = null);
    public sealed record AuditPage(IReadOnlyList<Entry> Items, int Page, int PageSize, int Total);

    public static async Task<IResult> ListAsync(HttpContext http, SwitchboardDb db,
        [WholeNumber] string? page = null, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page_size"), WholeNumber] string? pageSize = null,
        string? action = null, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "actor_id")] string? actorId = null)
    {
        var caller = http.Caller();
        if (!caller.May(Permission.ViewAudit)) return Answer.Refuse(Failure.Forbidden("Only the org owner or admins can read the audit log"));
        var input = Input.Empty("query");
        var number = ParsePositive(input, "page", page, 1, 1_000_000);
        var size = ParsePositive(input, "page_size", pageSize, 50, 200);
        var onlyAction = input.Check("action", action, max: 64);
        Guid? actor = string.IsNullOrEmpty(actorId) ? null : input.Uuid("actor_id", actorId);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var query = db.AuditEvents.AsNoTracking().Where(a => a.WorkspaceId == caller.WorkspaceId);
        if (!string.IsNullOrEmpty(onlyAction)) query = query.Where(a => a.Action == onlyAction);
        if (actor is { } who) query = query.Where(a => a.ActorUserId == who);
        var total = await query.CountAsync();
        var rows = await query.OrderByDescending(a => a.Id).Skip((number - 1) * size).Take(size).ToListAsync();
        var actorIds = rows.Where(a => a.ActorUserId != null).Select(a => a.ActorUserId!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => actorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name);
        // An invite's id is the capability in its link: only the owner, who may manage every invite, reads it here.
        var showsInviteIds = caller.Member.IsOwner;
        var items = rows.Select(a => new Entry(a.Id, a.Action, a.ActorUserId,
            a.ActorUserId is { } id ? names.GetValueOrDefault(id, DeletedUser) : null, a.TargetType,
            a.TargetType == "invite" && !showsInviteIds ? null : a.TargetId,
            a.Data is null ? null : JsonDocument.Parse(a.Data).RootElement, PingBackFace.Timestamp(a.CreatedAt), a.ActorScimTokenId)).ToList();
        return Answer.Value(new AuditPage(items, number, size, total));
    }

    private static int ParsePositive(Input input, string field, string? text, int fallback, int max)
    {
        if (text is null) return fallback;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, null, out var value) && value >= 1 && value <= max)
            return value;
        input.Fail(field, FieldRule.Custom, message: $"must be a whole number from 1 to {max}");
        return fallback;
    }
}
