namespace Switchboard.Domain;

public sealed class NotificationPreference
{
    public Guid UserId { get; init; }
    public Guid WorkspaceId { get; init; }
    public bool EmailOnAssignment { get; set; } = true;
    public bool EmailOnMention { get; set; } = true;
    public bool DesktopNotifications { get; set; } = true;
}
