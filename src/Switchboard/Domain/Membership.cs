using System.Linq.Expressions;

namespace Switchboard.Domain;

/// <summary>A user's place in a workspace. Its id is PingBack's team_member_id / member_id.</summary>
public sealed class Membership
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid WorkspaceId { get; init; }
    public Guid UserId { get; init; }
    public User? User { get; init; }
    public Role Role { get; set; }
    public Seat Seat { get; set; } = Seat.Full;
    public AgentStatus Status { get; set; } = AgentStatus.Offline;
    /// <summary>False while suspended: the member keeps their history but acts in the workspace no more.</summary>
    public bool IsActive { get; set; } = true;
    /// <summary>When the member was suspended (null when active); their seat is free meanwhile.</summary>
    public DateTime? SuspendedAt { get; set; }
    public DateTime InvitedAt { get; init; }
    /// <summary>Overrides the workspace's default capacity for auto routing.</summary>
    public int? Capacity { get; set; }
    /// <summary>Breaks routing ties: whoever was given a conversation longest ago goes first.</summary>
    public DateTime? LastAssignedAt { get; set; }
    /// <summary>Offers this member let lapse in a row (offer routing); an accept or a decline resets it.</summary>
    public int OfferLapses { get; set; }
    public DateTime UpdatedAt { get; set; }

    public bool IsOwner => Role == Role.Owner;

    public bool IsSuspended => SuspendedAt is not null;

    /// <summary>Counts against the plan: everyone active with a full seat except the owner (a suspended member's seat is free).</summary>
    public bool UsesPlanSeat => !IsSuspended && UsesPlanSeatFor(Role, Seat);

    /// <summary>The plan-seat rule for a member that does not exist yet (an invite, an enrollment).</summary>
    public static bool UsesPlanSeatFor(Role role, Seat seat) => role != Role.Owner && seat == Seat.Full;

    /// <summary>Who routing may give a conversation to: active, live, on a full seat (capacity aside).</summary>
    public static readonly Expression<Func<Membership, bool>> IsRoutable =
        m => m.IsActive && m.Status == AgentStatus.Live && m.Seat == Seat.Full;

    private static readonly Func<Membership, bool> IsRoutableCompiled = IsRoutable.Compile();

    public bool CanBeRouted => IsRoutableCompiled(this);
}
