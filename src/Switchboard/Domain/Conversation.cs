namespace Switchboard.Domain;

public sealed class Conversation
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    public string? CustomerId { get; init; }
    public string? InitialMessage { get; init; }
    public ConversationStatus Status { get; set; } = ConversationStatus.Open;
    public Guid? AssigneeUserId { get; set; }
    public DateTime? AssignedAt { get; set; }
    /// <summary>When the current assignee last replied; reassignment looks for silence since AssignedAt.</summary>
    public DateTime? AssigneeRepliedAt { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }

    public bool IsFinished => Status is ConversationStatus.Resolved or ConversationStatus.Closed;
}
