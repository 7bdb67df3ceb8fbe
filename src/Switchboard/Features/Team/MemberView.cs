using Switchboard.Domain;
using Switchboard.Faces.PingBack;

namespace Switchboard.Features.Team;

/// <summary>
/// A team member exactly as PingBack's List Members shows one. A suspended member is <c>is_active: false</c>
/// (the document's own field for that state); when it happened is on Pipeback's member and in the audit log.
/// </summary>
public sealed record MemberView(Guid Id, Guid UserId, string Email, string Name, string Role, string Status, bool IsActive, string InvitedAt)
{
    public static MemberView From(Membership m, User u) =>
        new(m.Id, u.Id, u.Email, u.Name, m.Role.Wire(), m.Status.Wire(), m.IsActive, PingBackFace.Timestamp(m.InvitedAt));

    /// <summary>From the columns alone (the list query's projection).</summary>
    public static MemberView From(Guid id, Guid userId, string email, string name, Role role, AgentStatus status, bool isActive, DateTime invitedAt) =>
        new(id, userId, email, name, role.Wire(), status.Wire(), isActive, PingBackFace.Timestamp(invitedAt));
}
