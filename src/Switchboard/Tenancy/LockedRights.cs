using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Tenancy;

/// <summary>
/// Whether the rights a request was judged on (its <see cref="Caller"/>, which may come from the read cache) are
/// still the caller's rights under the workspace lock. A change's permission checks read the cached caller, so they
/// answer fast and in the seeds' order (403 before 422); the unit of work then holds that caller against the row the
/// lock protects, and only a match lets the change go on. What rights depend on is compared, nothing else: the
/// member's role, whether they are active, what the workspace's switches allow that role, and whether its two-factor
/// policy covers them (docs/architecture.md, "Permissions").
/// </summary>
public static class LockedRights
{
    /// <summary>What the caller's membership row says; null when there is none.</summary>
    public sealed record Row(Role Role, bool IsActive);

    private static readonly CompiledPerProvider<Func<SwitchboardDb, Guid, Guid, Task<Row?>>> Read = new(() =>
        EF.CompileAsyncQuery((SwitchboardDb db, Guid workspaceId, Guid userId) =>
            db.Memberships.AsNoTracking()
                .Where(m => m.WorkspaceId == workspaceId && m.UserId == userId)
                .Select(m => new Row(m.Role, m.IsActive))
                .FirstOrDefault()));

    public enum Verdict { Hold, Changed, Gone }

    /// <summary>
    /// Reads the caller's membership (one indexed read) and compares; <paramref name="locked"/> is the lock's copy.
    /// No membership any more is <see cref="Verdict.Gone"/>: removed, or the workspace deleted while this waited —
    /// answered as a workspace the caller is not in (404), the way <see cref="CallerResolver"/> answers it.
    /// </summary>
    public static async Task<Verdict> HoldAsync(SwitchboardDb db, Caller caller, Workspace locked)
    {
        var row = await Read.For(db)(db, caller.WorkspaceId, caller.UserId);
        return Judge(caller, row, locked);
    }

    /// <summary>
    /// The comparison itself, for a use case that read the caller's row in a query of its own under the lock (the
    /// manual assignment reads it beside the conversation and the agent: one round trip fewer on the hottest write).
    /// </summary>
    public static Verdict Judge(Caller caller, Row? row, Workspace locked)
    {
        if (row is null) return Verdict.Gone;
        return Of(caller.Member.Role, caller.Member.IsActive, caller.Workspace) == Of(row.Role, row.IsActive, locked)
            ? Verdict.Hold : Verdict.Changed;
    }

    /// <summary>
    /// For the owner's configuration writes that take no workspace lock (single sign-on, SCIM tokens — nothing they
    /// change is counted): the same comparison against the rows as they are now, just before the write; throws
    /// <see cref="CallerRightsChangedException"/> when they differ.
    /// </summary>
    public static async Task ConfirmAsync(SwitchboardDb db, Caller caller)
    {
        var workspace = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == caller.WorkspaceId);
        if (workspace is null || await HoldAsync(db, caller, workspace) != Verdict.Hold)
            throw new CallerRightsChangedException(caller.WorkspaceId);
    }

    /// <summary>
    /// Everything a rule may ask about the caller: their role and whether they are active, each permission, and
    /// whether the two-factor policy covers them. Only a change in these refuses: an owner's request does not fail
    /// because the admins-can-invite switch moved, which does not change what an owner may do.
    /// </summary>
    private static (Role, bool, int, bool) Of(Role role, bool active, Workspace workspace)
    {
        var member = new Membership { Role = role, IsActive = active };
        var allowed = 0;
        foreach (var permission in Enum.GetValues<Permission>())
            if (member.Allows(permission, workspace)) allowed |= 1 << (int)permission;
        return (role, active, allowed, workspace.RequireTwoFactor.Covers(role));
    }
}

/// <summary>
/// Thrown by <see cref="WorkspaceWork.BeginAsync(SwitchboardDb, IDomainEvents, Caller, bool, string, string)"/>
/// when the caller's rights changed after the request was judged (nothing was written); the face answers 403
/// <c>rights_changed</c> and the workspace's cached callers are dropped, so a retry is judged afresh.
/// </summary>
public sealed class CallerRightsChangedException(Guid workspaceId)
    : Exception("The caller's rights in this workspace changed while the request was judged.")
{
    public Guid WorkspaceId { get; } = workspaceId;
}
