using Switchboard.Domain;

namespace Switchboard.Faces.PingBack;

/// <summary>A conversation as PingBack (REST and its Socket.IO events) shows one.</summary>
public sealed record ConversationView(
    Guid Id, Guid BusinessId, string? CustomerId, string Status, Guid? AssignedAgentId, string? AssignedAt,
    string? InitialMessage, string CreatedAt, string UpdatedAt)
{
    public static ConversationView From(Conversation c) => new(c.Id, c.WorkspaceId, c.CustomerId, c.Status.Wire(),
        c.AssigneeUserId, c.AssignedAt is { } at ? PingBackFace.Timestamp(at) : null, c.InitialMessage,
        PingBackFace.Timestamp(c.CreatedAt), PingBackFace.Timestamp(c.UpdatedAt));
}
