namespace Switchboard.Domain;

/// <summary>
/// A workspace and everything in it was deleted: its live sockets are closed and every cached read of it is void.
/// Raised after the commit, like every event.
/// </summary>
public sealed record WorkspaceDeleted(Guid WorkspaceId) : IDomainEvent;

/// <summary>
/// An account's name, address or existence changed (a rename, an email change confirmed, the account deleted):
/// cached callers of the user and the members lists of <c>WorkspaceIds</c> (which show the name and address) are
/// stale. Not tied to one workspace.
/// </summary>
public sealed record AccountChanged(Guid UserId, IReadOnlyList<Guid> WorkspaceIds) : IDomainEvent
{
    public Guid WorkspaceId => Guid.Empty;
}

/// <summary>
/// An account's second factor was confirmed or removed: cached callers of the user (whether a workspace's
/// two-factor policy lets them in) and the members lists of <c>WorkspaceIds</c> (who is compliant)
/// are stale. Not tied to one workspace.
/// </summary>
public sealed record SecondFactorChanged(Guid UserId, IReadOnlyList<Guid> WorkspaceIds) : IDomainEvent
{
    public Guid WorkspaceId => Guid.Empty;
}

/// <summary>
/// A workspace's two-factor policy now covers these active members, who have no second factor: their sockets of
/// that workspace close (their requests there are refused already, by the caller check).
/// </summary>
public sealed record SecondFactorEnforced(Guid WorkspaceId, IReadOnlyList<Guid> UserIds) : IDomainEvent;
