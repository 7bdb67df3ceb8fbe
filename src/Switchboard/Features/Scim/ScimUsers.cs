using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email;

namespace Switchboard.Features.Scim;

/// <summary>
/// /scim/v2/Users: the users provisioned into the token's workspace. Every write runs in the workspace's unit of work
/// (<see cref="WorkspaceWork"/>), the same lock the dashboard takes, so SCIM and the dashboard never race past the plan.
/// </summary>
public static class ScimUsers
{
    private static readonly string[] Filterable = ["userName", "externalId", "id", "displayName"];
    private static readonly string[] Sortable = ["userName", "externalId", "meta.created", "meta.lastModified"];

    public static async Task<IResult> ListAsync(HttpContext http, SwitchboardDb db, PublicLinks links,
        string? filter = null, string? startIndex = null, string? count = null, string? sortBy = null, string? sortOrder = null)
    {
        var client = ScimClient.Of(http);
        var (paging, pagingError) = ScimPaging.Parse(startIndex, count);
        if (pagingError is not null) return ScimResults.Error(pagingError);
        var (sort, sortError) = ScimSort.Parse(sortBy, sortOrder, Sortable);
        if (sortError is not null) return ScimResults.Error(sortError);
        var (where, filterError) = ScimFilter.Parse(filter, Filterable);
        if (filterError is not null) return ScimResults.Error(filterError);

        var query = db.ScimUsers.AsNoTracking().Where(u => u.WorkspaceId == client.WorkspaceId);
        if (where is { Attribute: "userName" })
        {
            var key = ScimRequest.NormalizeUserName(where.Value);
            query = query.Where(u => u.NormalizedUserName == key);
        }
        else if (where is { Attribute: "externalId" }) query = query.Where(u => u.ExternalId == where.Value);
        else if (where is { Attribute: "displayName" })
        {
            // Not case-exact (RFC 7643 §4.1.1); lower() folds ASCII only on SQLite, all of Unicode on PostgreSQL.
            var name = where.Value.ToLowerInvariant();
            query = query.Where(u => u.DisplayName != null && u.DisplayName.ToLower() == name);
        }
        else if (where is { Attribute: "id" })
        {
            var id = ScimRequest.Id(where.Value);
            query = query.Where(u => u.Id == id);
        }
        var total = await query.CountAsync();
        var codePoint = ScimSort.CodePoint(db);
        var ordered = sort?.Attribute switch
        {
            "userName" => sort.Order(query, u => EF.Functions.Collate(u.NormalizedUserName, codePoint)),
            "externalId" => sort.Order(query, u => EF.Functions.Collate(u.ExternalId, codePoint)),
            "meta.created" => sort.Order(query, u => u.CreatedAt),
            "meta.lastModified" => sort.Order(query, u => u.UpdatedAt),
            _ => query.OrderBy(u => u.CreatedAt),
        };
        // Ties (and no sortBy) by creation, then id, so pages neither skip nor repeat while nothing is added.
        var page = await ordered.ThenBy(u => u.CreatedAt).ThenBy(u => u.Id).Skip(paging.Skip).Take(paging.Count).ToListAsync();
        var views = await ViewsAsync(db, client.WorkspaceId, page, ScimRequest.BaseUrl(links));
        return ScimResults.List(views, total, paging.StartIndex);
    }

    public static async Task<IResult> GetAsync(HttpContext http, SwitchboardDb db, PublicLinks links, string id)
    {
        var client = ScimClient.Of(http);
        var user = await FindAsync(db, client, id, tracked: false);
        if (user is null) return ScimResults.Error(NotFound);
        var view = (await ViewsAsync(db, client.WorkspaceId, [user], ScimRequest.BaseUrl(links)))[0];
        var etag = view["meta"]!["version"]!.GetValue<string>();
        if (ScimRequest.NotModified(http.Request, etag)) return Results.StatusCode(304);
        return ScimResults.Json(view, etag: etag);
    }

    public static async Task<IResult> CreateAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time, PublicLinks links)
    {
        var client = ScimClient.Of(http);
        var (body, bodyError) = await ScimRequest.BodyAsync(http.Request);
        if (bodyError is not null) return ScimResults.Error(bodyError);
        var (doc, docError) = ScimUserDocument.Read(body!);
        if ((docError ?? Validate(doc!)) is { } invalid) return ScimResults.Error(invalid);

        var now = time.GetUtcNow().UtcDateTime;
        await using var work = await WorkspaceWork.BeginAsync(db, events, client.WorkspaceId);
        if (work is null) return ScimResults.Error(ScimError.NotFound("Workspace not found"));
        var created = await ScimProvisioning.CreateAsync(db, work, now, client.TokenId, doc!);
        if (created.Error is not null) return ScimResults.Error(created.Error);
        if (await CommitAsync(work) is { } raced) return ScimResults.Error(raced);
        var view = (await ViewsAsync(db, client.WorkspaceId, [created.User!], ScimRequest.BaseUrl(links)))[0];
        return ScimResults.Json(view, 201, view["meta"]!["version"]!.GetValue<string>(), view["meta"]!["location"]!.GetValue<string>());
    }

    /// <summary>PUT: the resource replaced by the body; an absent <c>active</c> keeps the membership as it is.</summary>
    public static Task<IResult> ReplaceAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time,
        PublicLinks links, string id) =>
        UpdateAsync(http, db, events, time, links, id, (_, body) =>
        {
            var (doc, error) = ScimUserDocument.Read(body);
            return (doc, error);
        });

    /// <summary>PATCH: add, replace and remove operations, each through the attribute table, all or nothing.</summary>
    public static Task<IResult> PatchAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time,
        PublicLinks links, string id) =>
        UpdateAsync(http, db, events, time, links, id, (current, body) =>
        {
            var operations = ScimPatch.Read(body);
            if (operations.Error is not null) return (null, operations.Error);
            foreach (var op in operations.Operations!)
                if (current.Apply(op.Op, op.Path, op.Value) is { } error) return (null, error);
            return (current, null);
        });

    private delegate (ScimUserDocument? Doc, ScimError? Error) Change(ScimUserDocument current, JsonObject body);

    private static async Task<IResult> UpdateAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time,
        PublicLinks links, string id, Change change)
    {
        var client = ScimClient.Of(http);
        var (body, bodyError) = await ScimRequest.BodyAsync(http.Request);
        if (bodyError is not null) return ScimResults.Error(bodyError);

        var now = time.GetUtcNow().UtcDateTime;
        await using var work = await WorkspaceWork.BeginAsync(db, events, client.WorkspaceId);
        if (work is null) return ScimResults.Error(ScimError.NotFound("Workspace not found"));
        var user = await FindAsync(db, client, id, tracked: true);
        if (user is null) return ScimResults.Error(NotFound);
        var member = await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.WorkspaceId == client.WorkspaceId && m.UserId == user.UserId);
        var active = ScimMembership.IsActive(member);
        if (!ScimRequest.Matches(http.Request, ScimViews.UserETag(user, active))) return ScimResults.Error(ScimError.PreconditionFailed());
        var (doc, changeError) = change(ScimUserDocument.From(user, active), body!);
        if ((changeError ?? Validate(doc!)) is { } invalid) return ScimResults.Error(invalid);
        if (await ScimProvisioning.UpdateAsync(db, work, now, client.TokenId, user, doc!, active) is { } refused)
            return ScimResults.Error(refused);
        if (await CommitAsync(work) is { } raced) return ScimResults.Error(raced);
        var view = (await ViewsAsync(db, client.WorkspaceId, [user], ScimRequest.BaseUrl(links)))[0];
        return ScimResults.Json(view, etag: view["meta"]!["version"]!.GetValue<string>());
    }

    public static async Task<IResult> DeleteAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time, string id)
    {
        var client = ScimClient.Of(http);
        var now = time.GetUtcNow().UtcDateTime;
        await using var work = await WorkspaceWork.BeginAsync(db, events, client.WorkspaceId);
        if (work is null) return ScimResults.Error(ScimError.NotFound("Workspace not found"));
        var user = await FindAsync(db, client, id, tracked: true);
        if (user is null) return ScimResults.Error(NotFound);
        var member = await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.WorkspaceId == client.WorkspaceId && m.UserId == user.UserId);
        if (!ScimRequest.Matches(http.Request, ScimViews.UserETag(user, ScimMembership.IsActive(member))))
            return ScimResults.Error(ScimError.PreconditionFailed());
        if (await ScimMembership.RemoveAsync(db, work, now, client.TokenId, user) is { } refused) return ScimResults.Error(refused);
        db.ScimUsers.Remove(user);
        AuditLog.Record(db, now, client.WorkspaceId, null, "scim.user.deleted", "scim_user", user.Id,
            new { user_id = user.UserId, user_name = user.UserName }, client.TokenId);
        await work.CommitAsync();
        return ScimResults.NoContent();
    }

    private static readonly ScimError NotFound = ScimError.NotFound("User not found");

    private static ScimError? Validate(ScimUserDocument doc)
    {
        if (string.IsNullOrEmpty(doc.UserName)) return ScimError.InvalidValue("userName is required");
        var address = doc.Email ?? doc.UserName;
        if (!EmailAddress.IsWellFormed(address))
            return ScimError.InvalidValue("userName (or the work email) must be an email address: the account is found or created by it");
        return null;
    }

    private static Task<ScimUser?> FindAsync(SwitchboardDb db, ScimClient client, string id, bool tracked)
    {
        if (ScimRequest.Id(id) is not { } userId) return Task.FromResult<ScimUser?>(null);
        var users = tracked ? db.ScimUsers : db.ScimUsers.AsNoTracking();
        return users.FirstOrDefaultAsync(u => u.Id == userId && u.WorkspaceId == client.WorkspaceId);
    }

    /// <summary>Two writers of one address in two workspaces at once: the unique index lets one through.</summary>
    private static async Task<ScimError?> CommitAsync(WorkspaceWork work)
    {
        try
        {
            await work.CommitAsync();
            return null;
        }
        catch (DbUpdateException)
        {
            return ScimError.Uniqueness("Another request created this user at the same time; read it and try again");
        }
    }

    private static async Task<List<JsonNode>> ViewsAsync(SwitchboardDb db, Guid workspaceId, IReadOnlyList<ScimUser> users, string baseUrl)
    {
        var members = await ScimMembership.OfAsync(db, workspaceId, users.Select(u => u.UserId));
        var ids = users.Select(u => u.Id).ToList();
        var groups = await db.ScimGroupMembers.AsNoTracking().Where(m => ids.Contains(m.ScimUserId))
            .Join(db.ScimGroups.AsNoTracking(), m => m.GroupId, g => g.Id, (m, g) => new { m.ScimUserId, Group = g })
            .ToListAsync();
        return [.. users.Select(u => (JsonNode)ScimViews.User(u, ScimMembership.IsActive(members.GetValueOrDefault(u.UserId)),
            groups.Where(g => g.ScimUserId == u.Id).Select(g => g.Group).OrderBy(g => g.DisplayName), baseUrl))];
    }
}
