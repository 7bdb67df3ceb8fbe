using CsCheck;
using Switchboard.Domain;
using Switchboard.Features.Routing;

namespace Switchboard.Tests.Routing;

/// <summary>
/// Random floors and queues through one routing pass (<see cref="RoutingPass"/>, what the router runs under the
/// workspace lock): nobody gets more than their free slots, no conversation is given twice, every assignment is to a
/// live agent the conversation admits, and the pass leaves no conversation waiting that an agent with room matches.
/// </summary>
public sealed class RoutingPropertyTests
{
    private static readonly Guid[] TeamIds = [Guid.NewGuid(), Guid.NewGuid()];
    private static readonly string[] SkillNames = ["billing", "de", "vip"];

    private sealed record AgentSpec(int Capacity, int Load, bool Live, int Teams, int Skills);

    private sealed record ConversationSpec(int Team, int Skills, bool Relaxed);

    private static readonly Gen<AgentSpec> Agents = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 4], Gen.Int[0, 3], Gen.Int[0, 7],
        (capacity, load, live, teams, skills) => new AgentSpec(capacity, load, live != 0, teams, skills));

    private static readonly Gen<ConversationSpec> Conversations = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 7], Gen.Bool,
        (team, skills, relaxed) => new ConversationSpec(team, skills, relaxed));

    private static IEnumerable<T> Pick<T>(T[] from, int mask) => from.Where((_, i) => (mask & (1 << i)) != 0);

    [Fact]
    public void A_pass_never_exceeds_capacity_never_assigns_twice_and_leaves_no_matchable_conversation_waiting()
    {
        Gen.Select(Agents.List[1, 8], Conversations.List[0, 30]).Sample(world =>
        {
            var (agentSpecs, conversationSpecs) = world;
            var workspace = Guid.NewGuid();
            var start = new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc);
            var candidates = agentSpecs.Select((a, i) => new AgentPicker.Candidate(
                new Membership
                {
                    WorkspaceId = workspace, UserId = Guid.NewGuid(), Role = Role.Agent, Seat = Seat.Full,
                    Status = a.Live ? AgentStatus.Live : AgentStatus.Away, InvitedAt = start.AddMinutes(i),
                },
                a.Load, a.Capacity, Pick(TeamIds, a.Teams).ToHashSet(), Pick(SkillNames, a.Skills).ToHashSet())).ToList();
            var queue = conversationSpecs.Select((c, i) => new Conversation
            {
                WorkspaceId = workspace, CreatedAt = start.AddSeconds(i), UpdatedAt = start,
                TeamId = c.Team == 0 ? null : TeamIds[c.Team - 1],
                RequiredSkills = c.Skills == 0 ? null : string.Join(',', Pick(SkillNames, c.Skills)),
                SkillsRelaxedAt = c.Relaxed ? start : null,
            }).ToList();

            var plan = RoutingPass.Plan(queue, Candidates.Of(candidates));

            plan.Select(p => p.Conversation.Id).Distinct().Count().ShouldBe(plan.Count);
            var taken = plan.GroupBy(p => p.Agent.Member.Id).ToDictionary(g => g.Key, g => g.Count());
            foreach (var agent in candidates)
            {
                var got = taken.GetValueOrDefault(agent.Member.Id);
                got.ShouldBeLessThanOrEqualTo(Math.Max(0, agent.Capacity - agent.Load));
                if (!agent.Member.CanBeRouted) got.ShouldBe(0);
            }
            foreach (var (conversation, agent) in plan)
                AgentPicker.Need.Of(conversation).Admits(agent).ShouldBeTrue();
            var assigned = plan.Select(p => p.Conversation.Id).ToHashSet();
            foreach (var waiting in queue.Where(c => !assigned.Contains(c.Id)))
            {
                var need = AgentPicker.Need.Of(waiting);
                candidates.ShouldNotContain(a => a.Member.CanBeRouted && need.Admits(a)
                    && a.Load + taken.GetValueOrDefault(a.Member.Id) < a.Capacity,
                    $"conversation {waiting.Id} waits though an agent with room matches it");
            }
        }, iter: 3000);
    }
}
