using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email;

namespace Switchboard.Features.Scim;

/// <summary>
/// /scim/v2/Groups: groups and their members, in the token's workspace. A change of members or name re-applies the
/// group mapping to everyone it moves (<see cref="ScimMapping"/>), in the same unit of work: a plan too full for the
/// seats it would give refuses the whole change (409 with words), nothing half-applied.
/// </summary>
public static class ScimGroups
{
    private static readonly string[] Filterable = ["displayName", "externalId", "id"];
    private static readonly string[] Sortable = ["displayName", "externalId", "meta.created", "meta.lastModified"];
    private static readonly ScimError NotFound = ScimError.NotFound("Group not found");

    public static async Task<IResult> ListAsync(HttpContext http, SwitchboardDb db, PublicLinks links,
        string? filter = null, string? startIndex = null, string? count = null, string? excludedAttributes = null,
        string? sortBy = null, string? sortOrder = null)
    {
        var client = ScimClient.Of(http);
        var (paging, pagingError) = ScimPaging.Parse(startIndex, count);
        if (pagingError is not null) return ScimResults.Error(pagingError);
        var (sort, sortError) = ScimSort.Parse(sortBy, sortOrder, Sortable);
        if (sortError is not null) return ScimResults.Error(sortError);
        var (where, filterError) = ScimFilter.Parse(filter, Filterable);
        if (filterError is not null) return ScimResults.Error(filterError);
        var query = db.ScimGroups.AsNoTracking().Where(g => g.WorkspaceId == client.WorkspaceId);
        if (where is { Attribute: "displayName" })
        {
            var key = ScimGroup.Normalize(where.Value);
            query = query.Where(g => g.NormalizedName == key);
        }
        else if (where is { Attribute: "externalId" }) query = query.Where(g => g.ExternalId == where.Value);
        else if (where is { Attribute: "id" })
        {
            var id = ScimRequest.Id(where.Value);
            query = query.Where(g => g.Id == id);
        }
        var total = await query.CountAsync();
        var codePoint = ScimSort.CodePoint(db);
        var ordered = sort?.Attribute switch
        {
            "displayName" => sort.Order(query, g => EF.Functions.Collate(g.NormalizedName, codePoint)),
            "externalId" => sort.Order(query, g => EF.Functions.Collate(g.ExternalId, codePoint)),
            "meta.created" => sort.Order(query, g => g.CreatedAt),
            "meta.lastModified" => sort.Order(query, g => g.UpdatedAt),
            _ => query.OrderBy(g => g.CreatedAt),
        };
        var page = await ordered.ThenBy(g => g.CreatedAt).ThenBy(g => g.Id).Skip(paging.Skip).Take(paging.Count).ToListAsync();
        var withMembers = !ScimRequest.Excludes(excludedAttributes, "members");
        var views = new List<JsonNode>();
        foreach (var group in page)
            views.Add(ScimViews.Group(group, withMembers ? await MembersAsync(db, group.Id) : null, ScimRequest.BaseUrl(links)));
        return ScimResults.List(views, total, paging.StartIndex);
    }

    public static async Task<IResult> GetAsync(HttpContext http, SwitchboardDb db, PublicLinks links, string id,
        string? excludedAttributes = null)
    {
        var client = ScimClient.Of(http);
        var group = await FindAsync(db, client, id, tracked: false);
        if (group is null) return ScimResults.Error(NotFound);
        var etag = ScimViews.GroupETag(group);
        if (ScimRequest.NotModified(http.Request, etag)) return Results.StatusCode(304);
        var members = ScimRequest.Excludes(excludedAttributes, "members") ? null : await MembersAsync(db, group.Id);
        return ScimResults.Json(ScimViews.Group(group, members, ScimRequest.BaseUrl(links)), etag: etag);
    }

    public static async Task<IResult> CreateAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time, PublicLinks links)
    {
        var client = ScimClient.Of(http);
        var (body, bodyError) = await ScimRequest.BodyAsync(http.Request);
        if (bodyError is not null) return ScimResults.Error(bodyError);
        var (doc, docError) = ScimGroupDocument.Read(body!);
        if (docError is not null) return ScimResults.Error(docError);
        if (string.IsNullOrEmpty(doc!.DisplayName)) return ScimResults.Error(ScimError.InvalidValue("displayName is required"));

        var now = time.GetUtcNow().UtcDateTime;
        await using var work = await WorkspaceWork.BeginAsync(db, events, client.WorkspaceId);
        if (work is null) return ScimResults.Error(ScimError.NotFound("Workspace not found"));
        var group = new ScimGroup
        {
            WorkspaceId = client.WorkspaceId,
            DisplayName = doc.DisplayName,
            NormalizedName = ScimGroup.Normalize(doc.DisplayName),
            ExternalId = doc.ExternalId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (await db.ScimGroups.AnyAsync(g => g.WorkspaceId == client.WorkspaceId && g.NormalizedName == group.NormalizedName))
            return ScimResults.Error(ScimError.Uniqueness($"A group named {doc.DisplayName} already exists"));
        db.ScimGroups.Add(group);
        if (await SaveAsync(db, work, now, client, group, [], doc.Members, nameChanged: true) is { } refused)
            return ScimResults.Error(refused);
        AuditLog.Record(db, now, client.WorkspaceId, null, "scim.group.created", "scim_group", group.Id,
            new { display_name = group.DisplayName, members = doc.Members.Count }, client.TokenId);
        await work.CommitAsync();
        var view = ScimViews.Group(group, await MembersAsync(db, group.Id), ScimRequest.BaseUrl(links));
        return ScimResults.Json(view, 201, ScimViews.GroupETag(group), view["meta"]!["location"]!.GetValue<string>());
    }

    public static Task<IResult> ReplaceAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time,
        PublicLinks links, string id) =>
        UpdateAsync(http, db, events, time, links, id, (_, body) => ScimGroupDocument.Read(body));

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

    private delegate (ScimGroupDocument? Doc, ScimError? Error) Change(ScimGroupDocument current, JsonObject body);

    private static async Task<IResult> UpdateAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time,
        PublicLinks links, string id, Change change)
    {
        var client = ScimClient.Of(http);
        var (body, bodyError) = await ScimRequest.BodyAsync(http.Request);
        if (bodyError is not null) return ScimResults.Error(bodyError);
        var now = time.GetUtcNow().UtcDateTime;
        await using var work = await WorkspaceWork.BeginAsync(db, events, client.WorkspaceId);
        if (work is null) return ScimResults.Error(ScimError.NotFound("Workspace not found"));
        var group = await FindAsync(db, client, id, tracked: true);
        if (group is null) return ScimResults.Error(NotFound);
        if (!ScimRequest.Matches(http.Request, ScimViews.GroupETag(group))) return ScimResults.Error(ScimError.PreconditionFailed());
        var before = await db.ScimGroupMembers.Where(m => m.GroupId == group.Id).Select(m => m.ScimUserId).ToListAsync();
        var current = new ScimGroupDocument { DisplayName = group.DisplayName, ExternalId = group.ExternalId, Members = [.. before] };
        var (doc, error) = change(current, body!);
        if (error is not null) return ScimResults.Error(error);
        if (string.IsNullOrEmpty(doc!.DisplayName)) return ScimResults.Error(ScimError.InvalidValue("displayName is required"));
        var name = ScimGroup.Normalize(doc.DisplayName);
        var nameChanged = name != group.NormalizedName;
        if (nameChanged && await db.ScimGroups.AnyAsync(g => g.WorkspaceId == client.WorkspaceId && g.NormalizedName == name && g.Id != group.Id))
            return ScimResults.Error(ScimError.Uniqueness($"A group named {doc.DisplayName} already exists"));
        var changed = nameChanged || doc.DisplayName != group.DisplayName || doc.ExternalId != group.ExternalId
            || !before.ToHashSet().SetEquals(doc.Members);
        if (changed)
        {
            group.DisplayName = doc.DisplayName;
            group.NormalizedName = name;
            group.ExternalId = doc.ExternalId;
            group.Version++;
            group.UpdatedAt = now;
            if (await SaveAsync(db, work, now, client, group, before, doc.Members, nameChanged) is { } refused)
                return ScimResults.Error(refused);
            AuditLog.Record(db, now, client.WorkspaceId, null, "scim.group.updated", "scim_group", group.Id,
                new { display_name = group.DisplayName, added = doc.Members.Except(before).Count(), removed = before.Except(doc.Members).Count() },
                client.TokenId);
            await work.CommitAsync();
        }
        var members = ScimRequest.Excludes(http.Request.Query["excludedAttributes"], "members") ? null : await MembersAsync(db, group.Id);
        return ScimResults.Json(ScimViews.Group(group, members, ScimRequest.BaseUrl(links)), etag: ScimViews.GroupETag(group));
    }

    public static async Task<IResult> DeleteAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time, string id)
    {
        var client = ScimClient.Of(http);
        var now = time.GetUtcNow().UtcDateTime;
        await using var work = await WorkspaceWork.BeginAsync(db, events, client.WorkspaceId);
        if (work is null) return ScimResults.Error(ScimError.NotFound("Workspace not found"));
        var group = await FindAsync(db, client, id, tracked: true);
        if (group is null) return ScimResults.Error(NotFound);
        if (!ScimRequest.Matches(http.Request, ScimViews.GroupETag(group))) return ScimResults.Error(ScimError.PreconditionFailed());
        var before = await db.ScimGroupMembers.Where(m => m.GroupId == group.Id).Select(m => m.ScimUserId).ToListAsync();
        // Its members leave it first, so the mapping is applied to them without it.
        if (await SaveAsync(db, work, now, client, group, before, [], nameChanged: false) is { } refused) return ScimResults.Error(refused);
        db.ScimGroups.Remove(group);
        AuditLog.Record(db, now, client.WorkspaceId, null, "scim.group.deleted", "scim_group", group.Id,
            new { display_name = group.DisplayName }, client.TokenId);
        await work.CommitAsync();
        return ScimResults.NoContent();
    }

    /// <summary>Writes the member rows from <paramref name="before"/> to <paramref name="after"/> and re-applies the mapping.</summary>
    private static async Task<ScimError?> SaveAsync(SwitchboardDb db, WorkspaceWork work, DateTime now, ScimClient client,
        ScimGroup group, List<Guid> before, List<Guid> after, bool nameChanged)
    {
        var added = after.Except(before).ToList();
        var removed = before.Except(after).ToList();
        if (added.Count > 0)
        {
            var known = await db.ScimUsers.Where(u => u.WorkspaceId == client.WorkspaceId && added.Contains(u.Id)).Select(u => u.Id).ToListAsync();
            var unknown = added.Except(known).ToList();
            if (unknown.Count > 0)
                return ScimError.InvalidValue($"No user with id {(unknown[0] == Guid.Empty ? "(not an id)" : unknown[0])} is provisioned here");
        }
        foreach (var id in added) db.ScimGroupMembers.Add(new ScimGroupMember { GroupId = group.Id, ScimUserId = id });
        if (removed.Count > 0)
            db.ScimGroupMembers.RemoveRange(await db.ScimGroupMembers.Where(m => m.GroupId == group.Id && removed.Contains(m.ScimUserId)).ToListAsync());
        // The mapping reads the rows: they are saved (not committed) first.
        await db.SaveChangesAsync();
        var moved = nameChanged ? after.Union(removed).ToList() : added.Union(removed).ToList();
        return await ScimMapping.ApplyAsync(db, work, now, client.TokenId, moved);
    }

    private static async Task<List<ScimUser>> MembersAsync(SwitchboardDb db, Guid groupId) =>
        await db.ScimGroupMembers.AsNoTracking().Where(m => m.GroupId == groupId)
            .Join(db.ScimUsers.AsNoTracking(), m => m.ScimUserId, u => u.Id, (m, u) => u)
            .OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).ToListAsync();

    private static Task<ScimGroup?> FindAsync(SwitchboardDb db, ScimClient client, string id, bool tracked)
    {
        if (ScimRequest.Id(id) is not { } groupId) return Task.FromResult<ScimGroup?>(null);
        var groups = tracked ? db.ScimGroups : db.ScimGroups.AsNoTracking();
        return groups.FirstOrDefaultAsync(g => g.Id == groupId && g.WorkspaceId == client.WorkspaceId);
    }
}
