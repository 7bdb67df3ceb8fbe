using Switchboard.Domain;

namespace Switchboard.Faces.PingBack;

/// <summary>
/// A conversation as PingBack (REST and its Socket.IO events) shows one. The routing fields (team_id,
/// required_skills, priority, sla_due_at, sla_state, skills_relaxed_at) come after the seed's, so old clients
/// read what they always did.
/// </summary>
public sealed record ConversationView(
    Guid Id, Guid BusinessId, string? CustomerId, string Status, Guid? AssignedAgentId, string? AssignedAt,
    string? InitialMessage, string CreatedAt, string UpdatedAt,
    Guid? TeamId, IReadOnlyList<string> RequiredSkills, string Priority, string? SlaDueAt, string SlaState,
    string? SkillsRelaxedAt, Guid? OfferedAgentId, string? OfferExpiresAt)
{
    public static ConversationView From(Conversation c) => new(c.Id, c.WorkspaceId, c.CustomerId, c.Status.Wire(),
        c.AssigneeUserId, c.AssignedAt is { } at ? PingBackFace.Timestamp(at) : null, c.InitialMessage,
        PingBackFace.Timestamp(c.CreatedAt), PingBackFace.Timestamp(c.UpdatedAt),
        c.TeamId, c.Skills, c.Priority.Wire(), c.SlaDueAt is { } due ? PingBackFace.Timestamp(due) : null, c.SlaState.Wire(),
        c.SkillsRelaxedAt is { } relaxed ? PingBackFace.Timestamp(relaxed) : null,
        c.OfferedToUserId, c.OfferExpiresAt is { } expires ? PingBackFace.Timestamp(expires) : null);
}
