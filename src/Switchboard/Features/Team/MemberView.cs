using Switchboard.Domain;
using Switchboard.Faces.PingBack;

namespace Switchboard.Features.Team;

/// <summary>A team member as PingBack's List Members shows one, plus suspended_at (null unless suspended).</summary>
public sealed record MemberView(Guid Id, Guid UserId, string Email, string Name, string Role, string Status, bool IsActive, string InvitedAt,
    string? SuspendedAt)
{
    public static MemberView From(Membership m, User u) =>
        new(m.Id, u.Id, u.Email, u.Name, m.Role.Wire(), m.Status.Wire(), m.IsActive, PingBackFace.Timestamp(m.InvitedAt),
            m.SuspendedAt is { } at ? PingBackFace.Timestamp(at) : null);

    /// <summary>From the columns alone (the list query's projection).</summary>
    public static MemberView From(Guid id, Guid userId, string email, string name, Role role, AgentStatus status, bool isActive, DateTime invitedAt,
        DateTime? suspendedAt) =>
        new(id, userId, email, name, role.Wire(), status.Wire(), isActive, PingBackFace.Timestamp(invitedAt),
            suspendedAt is { } at ? PingBackFace.Timestamp(at) : null);
}
