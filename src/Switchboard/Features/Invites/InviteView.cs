using Switchboard.Domain;
using Switchboard.Faces.Pipeback;

namespace Switchboard.Features.Invites;

/// <summary>The Pipeback invite object, field for field as the seed shows it.</summary>
public sealed record InviteView<TWorkspace>(
    Guid Id, Guid WorkspaceId, string Email, string Seat, TWorkspace Workspace, string CreatedAt, string UpdatedAt);

/// <summary>The nested workspace of list and create answers.</summary>
public sealed record InviteWorkspace(Guid Id, string Name, string Handle)
{
    public static InviteWorkspace From(Workspace w) => new(w.Id, w.Name, w.Handle);
}

/// <summary>The nested workspace of the public invite page, which also shows the logo.</summary>
public sealed record InviteWorkspaceWithLogo(Guid Id, string Name, string Handle, string? Logo)
{
    public static InviteWorkspaceWithLogo From(Workspace w) => new(w.Id, w.Name, w.Handle, w.Logo);
}

public static class InviteView
{
    public static InviteView<T> From<T>(Invite invite, T workspace) => new(
        invite.Id, invite.WorkspaceId, invite.Email, invite.Seat.Wire(), workspace,
        PipebackFace.Timestamp(invite.CreatedAt), PipebackFace.Timestamp(invite.UpdatedAt));
}

/// <summary>Who sent an invite, as its managers see it.</summary>
public sealed record InviteInviter(Guid Id, string Name);

/// <summary>
/// An invite as those who manage it see it (GET /app/invites, resend): the seed's fields first, then what a
/// manager needs — role, status (pending, expired, revoked, accepted), the inviter and the expiry.
/// </summary>
public sealed record ManagedInviteView(
    Guid Id, Guid WorkspaceId, string Email, string Seat, InviteWorkspace Workspace, string CreatedAt, string UpdatedAt,
    string Role, string Status, InviteInviter InvitedBy, string ExpiresAt)
{
    public static ManagedInviteView From(Invite invite, InviteWorkspace workspace, string inviterName, DateTime now) => new(
        invite.Id, invite.WorkspaceId, invite.Email, invite.Seat.Wire(), workspace,
        PipebackFace.Timestamp(invite.CreatedAt), PipebackFace.Timestamp(invite.UpdatedAt),
        invite.Role.Wire(), invite.StatusAt(now).Wire(), new InviteInviter(invite.InvitedByUserId, inviterName),
        PipebackFace.Timestamp(invite.ExpiresAt));
}
