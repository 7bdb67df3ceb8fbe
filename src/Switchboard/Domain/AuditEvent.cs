namespace Switchboard.Domain;

public sealed class AuditEvent
{
    public long Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public Guid? ActorUserId { get; init; }
    /// <summary>The SCIM token that made the change, when an identity provider did (ActorUserId is then null).</summary>
    public Guid? ActorScimTokenId { get; init; }
    public required string Action { get; init; }
    public string? TargetType { get; init; }
    public string? TargetId { get; init; }
    /// <summary>A small JSON object of action-specific details.</summary>
    public string? Data { get; init; }
    public DateTime CreatedAt { get; init; }
}
