namespace Switchboard.Domain;

/// <summary>
/// A workspace and everything in it was deleted: its live sockets are closed and every cached read of it is void.
/// Raised after the commit, like every event.
/// </summary>
public sealed record WorkspaceDeleted(Guid WorkspaceId) : IDomainEvent;

/// <summary>
/// An account's address or existence changed (an email change confirmed, the account deleted): cached reads that
/// show the user (members lists, callers) are stale. Not tied to one workspace.
/// </summary>
public sealed record AccountChanged(Guid UserId) : IDomainEvent
{
    public Guid WorkspaceId => Guid.Empty;
}
