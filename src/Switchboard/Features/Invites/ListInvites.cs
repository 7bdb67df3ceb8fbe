using System.Globalization;
using Switchboard.Faces;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces.Pipeback;
using Switchboard.Tenancy;

namespace Switchboard.Features.Invites;

/// <summary>
/// GET /app/invites[?status=pending|expired|revoked|accepted|open|all][&amp;page=&amp;page_size=&amp;sort=]: the
/// workspace's invites, oldest first — by default the pending (unexpired) ones, as before statuses existed — only
/// to those who manage them. An invite's id is what its mailed link carries, so showing it is handing over the
/// invite: the owner sees every invite, an admin with the invite right sees agent invites only, anyone else gets 403.
/// <c>open</c> is pending or expired: what can still be sent (again), the dashboard's card. Without paging the answer
/// is the seed's <c>{"data": [...]}</c> capped at <see cref="Limit"/>; with <c>page</c> or <c>page_size</c> it is one
/// page and Laravel's meta, so a workspace with years of history never hides its newest invites behind the cap.
/// </summary>
public static class ListInvites
{
    public const int Limit = 500;
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 100;

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, TimeProvider time, string? status = null,
        string? page = null, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page_size")] string? pageSize = null, string? sort = null)
    {
        var caller = http.Caller();
        if (!caller.May(Permission.InviteMembers))
            return Answer.Refuse(Failure.Forbidden(InvitePermissions.NotAllowed));
        var input = Input.Empty("query");
        var filter = ParseStatus(input, status);
        var paged = page is not null || pageSize is not null || sort is not null;
        var pageNumber = Whole(input, "page", page, 1, 1_000_000);
        var size = Whole(input, "page_size", pageSize, DefaultPageSize, MaxPageSize);
        var newestFirst = sort == "-created";
        if (sort is not null and not "created" and not "-created") input.Fail("sort", FieldRule.OneOf, "created, -created");
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var now = time.Now();
        var query = db.Invites.AsNoTracking().Where(i => i.WorkspaceId == caller.WorkspaceId);
        // The stored status, with time applied: a pending row past its expiry is expired before the sweep says so.
        query = filter switch
        {
            Filter.Pending => query.Where(i => i.Status == InviteStatus.Pending && i.ExpiresAt > now),
            Filter.Expired => query.Where(i => i.Status == InviteStatus.Expired || (i.Status == InviteStatus.Pending && i.ExpiresAt <= now)),
            Filter.Open => query.Where(i => i.Status == InviteStatus.Pending || i.Status == InviteStatus.Expired),
            Filter.Revoked => query.Where(i => i.Status == InviteStatus.Revoked),
            Filter.Accepted => query.Where(i => i.Status == InviteStatus.Accepted),
            _ => query,
        };
        if (!caller.Member.IsOwner) query = query.Where(i => i.Role == Role.Agent);
        var ordered = newestFirst
            ? query.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Email)
            : query.OrderBy(i => i.CreatedAt).ThenBy(i => i.Email);

        var total = paged ? await query.CountAsync() : 0;
        var invites = paged
            ? (total == 0 || (long)(pageNumber - 1) * size >= total ? [] : await ordered.Skip((pageNumber - 1) * size).Take(size).ToListAsync())
            : await ordered.Take(Limit).ToListAsync();
        var inviterIds = invites.Select(i => i.InvitedByUserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => inviterIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Name }).ToDictionaryAsync(u => u.Id, u => u.Name);
        var workspace = InviteWorkspace.From(caller.Workspace);
        var views = invites
            .Select(i => ManagedInviteView.From(i, workspace, names.GetValueOrDefault(i.InvitedByUserId, "A former member"), now))
            .ToList();
        if (!paged) return Answer.Value(views);
        var lastPage = Math.Max(1, (total + size - 1) / size);
        return Answer.Bare(new InvitesPage(views, new Team.PipebackMembers.PageMeta(pageNumber, lastPage, size, total)));
    }

    public sealed record InvitesPage(IReadOnlyList<ManagedInviteView> Data, Team.PipebackMembers.PageMeta Meta);

    private enum Filter { Pending, Expired, Revoked, Accepted, Open, All }

    private static Filter ParseStatus(Input input, string? status)
    {
        switch (status)
        {
            case null: return Filter.Pending;
            case "all": return Filter.All;
            case "open": return Filter.Open;
        }
        if (WireNames.TryParseWire<InviteStatus>(status, out var parsed))
        {
            return parsed switch
            {
                InviteStatus.Pending => Filter.Pending,
                InviteStatus.Expired => Filter.Expired,
                InviteStatus.Revoked => Filter.Revoked,
                _ => Filter.Accepted,
            };
        }
        input.Fail("status", FieldRule.OneOf, WireNames.Choices<InviteStatus>() + ", open, all");
        return Filter.Pending;
    }

    private static int Whole(Input input, string field, string? text, int fallback, int max)
    {
        if (text is null) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max)
            return value;
        input.Fail(field, FieldRule.Custom, message: $"must be a whole number from 1 to {max}");
        return fallback;
    }
}
