using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Tenancy;

/// <summary>
/// Which workspace a request acts in (docs/api.md, "Which workspace"): the x-workspace-id header when sent;
/// otherwise the one the caller owns, else their only membership. A workspace the caller is not an
/// active member of answers 404, the same as one that does not exist. A member the workspace's two-factor
/// policy covers, without a second factor, is refused there (403, <see cref="Failure.SecondFactorSetupRequired"/>)
/// on both faces and at socket connect alike, since all three resolve the caller here; the account's own routes
/// (<c>/api/v1/auth/…</c>, setup included) resolve no caller and stay open.
/// </summary>
public sealed class CallerResolver(SwitchboardDb db, WorkspaceCache cache)
{
    // Compiled once: nearly every request runs it (no LINQ tree to build and look up in the query cache each time).
    private sealed record Row(Membership m, Workspace w);

    private sealed record Choice(Membership m, Workspace w);

    // Without a header: the caller's active memberships, compiled like the header's query (the seeds' clients send none).
    private static readonly CompiledPerProvider<Func<SwitchboardDb, Guid, IAsyncEnumerable<Choice>>> Memberships = new(() =>
        EF.CompileAsyncQuery((SwitchboardDb db, Guid userId) => db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.IsActive)
            // Owned workspaces first, in a stable order: a user in more than 50 workspaces still finds the one they own.
            .OrderBy(m => m.Role == Role.Owner ? 0 : 1).ThenBy(m => m.Id)
            .Take(50)
            .Join(db.Workspaces.AsNoTracking(), m => m.WorkspaceId, w => w.Id, (m, w) => new Choice(m, w))));

    private static readonly CompiledPerProvider<Func<SwitchboardDb, Guid, Guid, Task<Row?>>> InWorkspace = new(() =>
        EF.CompileAsyncQuery((SwitchboardDb db, Guid userId, Guid workspaceId) => db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.WorkspaceId == workspaceId && m.IsActive)
            .Join(db.Workspaces.AsNoTracking(), m => m.WorkspaceId, w => w.Id, (m, w) => new Row(m, w))
            .FirstOrDefault()));

    /// <summary>
    /// The caller, from <see cref="WorkspaceCache"/> when this node has read it within the last second and
    /// nothing about the user or the workspace changed since; refusals are never cached.
    /// </summary>
    public async Task<Result<Caller>> ResolveAsync(Guid userId, string? workspaceHeader, bool headerRequired)
    {
        var key = $"caller:{userId:N}:{workspaceHeader}";
        if (cache.TryGet<Caller>(key, out var known)) return Admit(known);
        var stamp = cache.Stamp(access: true);
        var resolved = await ReadAsync(userId, workspaceHeader, headerRequired);
        if (!resolved.Succeeded) return resolved;
        var caller = resolved.Value;
        // Asked only where the policy covers the member, so workspaces without one pay no extra query. Cached with
        // the caller: confirming or removing a factor raises SecondFactorChanged, which voids the user's callers.
        if (caller.Workspace.RequireTwoFactor.Covers(caller.Member.Role) && !await SecondFactors.HasAnyAsync(db, userId))
            caller = caller with { LacksRequiredSecondFactor = true };
        cache.Set(key, caller, stamp, caller.WorkspaceId, userId, access: true);
        return Admit(caller);
    }

    private static Result<Caller> Admit(Caller caller) =>
        caller.LacksRequiredSecondFactor ? Failure.SecondFactorSetupRequired() : caller;

    private async Task<Result<Caller>> ReadAsync(Guid userId, string? workspaceHeader, bool headerRequired)
    {
        if (!string.IsNullOrWhiteSpace(workspaceHeader))
        {
            if (!Guid.TryParse(workspaceHeader, out var workspaceId))
                return Failure.NotFound("Workspace not found");
            var row = await InWorkspace.For(db)(db, userId, workspaceId);
            return row is null ? Failure.NotFound("Workspace not found") : new Caller(userId, row.m, row.w);
        }
        if (headerRequired)
            return Failure.Invalid("The x-workspace-id header is required.");

        var rows = new List<Choice>();
        await foreach (var row in Memberships.For(db)(db, userId)) rows.Add(row);
        var owned = rows.Where(r => r.m.Role == Role.Owner).ToList();
        var chosen = owned.Count == 1 ? owned[0] : rows.Count == 1 ? rows[0] : null;
        if (chosen is not null) return new Caller(userId, chosen.m, chosen.w);
        return rows.Count == 0
            ? Failure.NotFound("You do not belong to any business yet")
            : Failure.Invalid("You belong to several businesses: send the x-workspace-id header to choose one");
    }
}
