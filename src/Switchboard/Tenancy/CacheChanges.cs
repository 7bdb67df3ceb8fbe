using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Switchboard.Domain;

namespace Switchboard.Tenancy;

/// <summary>
/// What a unit of work changed, as <see cref="WorkspaceCache"/> must hear it: derived from the rows written, not
/// from events someone remembered to raise. One entry per id and scope; an <see cref="Everything"/> scope voids
/// every workspace's entries (a change whose workspaces are not named in the row: an account shown in all the
/// member lists it belongs to, a bulk statement).
/// </summary>
public sealed class CacheChanges
{
    /// <summary>
    /// Data: what reads show (statuses, invites, teams). Access: who may do what (roles, plans, memberships). Queue: a
    /// workspace's conversations, which only the reads that count them show (the routing view's queue) — so an
    /// assignment, the busiest write, leaves the members list and billing cached.
    /// </summary>
    public enum Scope { Data, Access, Queue }

    private readonly HashSet<(Guid Id, Scope Scope)> _ids = [];

    public Scope? Everything { get; private set; }

    public bool IsEmpty => _ids.Count == 0 && Everything is null;

    public IEnumerable<(Guid Id, Scope Scope)> Ids => _ids;

    public void Add(Guid id, Scope scope)
    {
        if (id != Guid.Empty) _ids.Add((id, scope));
    }

    public void AddEverything(Scope scope)
    {
        if (Everything is null || scope == Scope.Access) Everything = scope;
    }

    public void AddAll(CacheChanges other)
    {
        foreach (var (id, scope) in other._ids) _ids.Add((id, scope));
        if (other.Everything is { } scope2) AddEverything(scope2);
    }

    public void Clear()
    {
        _ids.Clear();
        Everything = null;
    }

    /// <summary>Applies the changes to a cache (this node's, or another's when they arrive over the cluster).</summary>
    public void ApplyTo(WorkspaceCache cache)
    {
        if (Everything is { } everything) cache.InvalidateEverything(everything == Scope.Access);
        foreach (var (id, scope) in _ids)
            if (scope == Scope.Access) cache.Invalidate(id);
            else if (scope == Scope.Queue) cache.InvalidateQueue(id);
            else cache.InvalidateData(id);
    }

    // Tables no cached read (callers, members lists, routing, billing) looks at: one-time links and challenges, the
    // outbox, sign-in state, the audit trail, SCIM bookkeeping. Everything else counts; a table added later counts
    // until it is listed here, so forgetting it costs a cache miss, never a stale read.
    internal static readonly HashSet<string> UnreadTables =
    [
        "email_verifications", "password_resets", "email_changes", "passkey_challenges", "sso_sign_ins",
        "outbox", "audit_events", "notification_preferences", "scim_tokens", "scim_users", "scim_groups",
        "scim_group_members", "sso_identities", "sso_domains", "sso_providers", "seat_ledger",
        // Tokens have their own cache (Auth/TokenCache) and revocation path; a caller is cached per user, not per token.
        "api_tokens",
    ];

    // Columns written often that no cached read shows: the assignment's tie-break stamp, a passkey's signature counter, times.
    internal static readonly HashSet<string> UnreadColumns = ["last_assigned_at", "last_used_at", "sign_count", "updated_at", "lock_version"];

    // Rows of these tables change what reads show, never who may do what.
    private static readonly HashSet<string> DataOnlyTables =
        ["conversations", "invites", "invite_links", "member_skills", "teams", "team_members"];

    // Rows of these tables are shown only by reads that ask for them (CachedReads' readsQueue): see Scope.Queue.
    private const string QueueTable = "conversations";

    // A membership's columns that are data (its status and load), not access (role, seat, being active).
    private static readonly HashSet<string> MembershipDataColumns = ["status", "offer_lapses", "capacity"];

    /// <summary>Adds what one tracked row's change means for the caches.</summary>
    public void AddTracked(EntityEntry entry)
    {
        var table = entry.Metadata.GetTableName() ?? entry.Metadata.ClrType.Name;
        if (UnreadTables.Contains(table)) return;
        var columns = ChangedColumns(entry);
        if (entry.State == EntityState.Modified && columns.All(UnreadColumns.Contains)) return;
        switch (entry.Entity)
        {
            case Workspace w:
                Add(w.Id, Scope.Access);
                return;
            case User u:
                // Access: the user's callers (who they are, their factors). Data: every members list naming them.
                Add(u.Id, Scope.Access);
                AddEverything(Scope.Data);
                return;
            case Membership m:
                var dataOnly = entry.State == EntityState.Modified
                    && columns.All(c => MembershipDataColumns.Contains(c) || UnreadColumns.Contains(c));
                Add(m.WorkspaceId, dataOnly ? Scope.Data : Scope.Access);
                if (!dataOnly) Add(m.UserId, Scope.Access);
                return;
        }
        var workspaceId = GuidProperty(entry, "WorkspaceId");
        var userId = GuidProperty(entry, "UserId");
        var scope = DataOnlyTables.Contains(table) ? Scope.Data : Scope.Access;
        // A conversation row names its workspace: only that workspace's queue reads are stale.
        if (table == QueueTable && workspaceId is { } ofQueue && userId is null)
        {
            Add(ofQueue, Scope.Queue);
            return;
        }
        if (workspaceId is { } workspace) Add(workspace, scope);
        if (userId is { } user)
        {
            // A second factor or a passkey: the user's callers, and whether each members list shows them compliant.
            Add(user, Scope.Access);
            if (workspaceId is null) AddEverything(Scope.Data);
        }
        if (workspaceId is null && userId is null) AddEverything(scope);
    }

    /// <summary>Adds what a bulk statement (ExecuteUpdate/ExecuteDelete) on <paramref name="table"/> means: it names no ids.</summary>
    public void AddBulk(string table, IReadOnlyCollection<string>? columns)
    {
        if (UnreadTables.Contains(table)) return;
        if (columns is not null && columns.Count > 0 && columns.All(UnreadColumns.Contains)) return;
        AddEverything(DataOnlyTables.Contains(table) ? Scope.Data : Scope.Access);
    }

    private static IReadOnlyCollection<string> ChangedColumns(EntityEntry entry) =>
        entry.State == EntityState.Modified
            ? [.. entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.GetColumnName())]
            : [];

    private static Guid? GuidProperty(EntityEntry entry, string name) =>
        entry.Metadata.FindProperty(name) is { } property && entry.Property(property.Name).CurrentValue is Guid id && id != Guid.Empty
            ? id
            : null;
}
