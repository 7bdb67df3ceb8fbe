using Switchboard.Domain;
using Switchboard.Features.Routing;

namespace Switchboard.Tests.Routing;

/// <summary>The selection rule on its own.</summary>
public sealed class AgentPickerTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc);

    private static AgentPicker.Candidate Agent(int load, int capacity = 5, AgentStatus status = AgentStatus.Live,
        Seat seat = Seat.Full, DateTime? lastAssigned = null, int joinedMinute = 0) =>
        new(new Membership { Status = status, Seat = seat, LastAssignedAt = lastAssigned, InvitedAt = T0.AddMinutes(joinedMinute), UserId = Guid.NewGuid() },
            load, capacity);

    [Fact]
    public void The_fewest_open_conversations_wins()
    {
        var busy = Agent(3);
        var idle = Agent(1);
        AgentPicker.Pick([busy, idle]).ShouldBe(idle);
    }

    [Fact]
    public void Ties_go_to_whoever_was_assigned_longest_ago_and_never_assigned_first()
    {
        var recent = Agent(2, lastAssigned: T0.AddMinutes(10));
        var earlier = Agent(2, lastAssigned: T0.AddMinutes(1));
        AgentPicker.Pick([recent, earlier]).ShouldBe(earlier);
        var never = Agent(2);
        AgentPicker.Pick([recent, earlier, never]).ShouldBe(never);
    }

    [Fact]
    public void Lite_seats_away_offline_and_full_agents_are_never_chosen()
    {
        AgentPicker.Pick([
            Agent(0, seat: Seat.Lite),
            Agent(0, status: AgentStatus.Away),
            Agent(0, status: AgentStatus.Offline),
            Agent(5, capacity: 5),
        ]).ShouldBeNull();
    }

    [Fact]
    public void The_excluded_agent_is_skipped()
    {
        var silent = Agent(0);
        var other = Agent(4);
        AgentPicker.Pick([silent, other], excludeUserId: silent.Member.UserId).ShouldBe(other);
    }
}
