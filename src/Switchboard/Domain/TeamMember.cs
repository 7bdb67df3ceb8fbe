namespace Switchboard.Domain;

public sealed class TeamMember
{
    public Guid TeamId { get; init; }
    public Guid MembershipId { get; init; }
    public DateTime CreatedAt { get; init; }
}
