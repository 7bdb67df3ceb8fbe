using CsCheck;
using Switchboard.Domain;
using Switchboard.Features.Routing;
using Switchboard.Features.Routing.Offers;

namespace Switchboard.Tests.Routing;

/// <summary>
/// Random runs of offer routing over the same pieces the server uses — <see cref="RoutingPass"/> to offer,
/// <see cref="AnswerOffer.Refusal"/> to admit an answer, the conversation's own offer methods — with accepts and
/// declines by random agents, clock moves that lapse offers and conversations finishing. After every step: nobody
/// holds a conversation that is also offered, nobody's conversations plus open offers exceed their capacity, only
/// the offered agent's answer is admitted, and an agent who passed is offered the conversation again only when
/// every other agent who could take it has passed too.
/// </summary>
public sealed class OfferPropertyTests
{
    private const int Timeout = 30;

    private enum Kind { Accept, Decline, Tick, Finish, Open }

    private sealed record Step(Kind Kind, int Conversation, int Agent, int Seconds);

    private static readonly Gen<Step> Steps = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 11], Gen.Int[0, 5], Gen.Int[1, 40],
        (kind, conversation, agent, seconds) => new Step((Kind)kind, conversation, agent, seconds));

    [Fact]
    public void Offers_declines_lapses_and_accepts_never_make_two_holders_or_exceed_capacity()
    {
        Gen.Select(Gen.Int[0, 3].Array[1, 5], Gen.Int[0, 6], Steps.List[1, 60]).Sample(world =>
        {
            var (capacities, initial, steps) = world;
            var workspace = Guid.NewGuid();
            var now = new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc);
            var agents = capacities.Select((_, i) => new Membership
            {
                WorkspaceId = workspace, UserId = Guid.NewGuid(), Role = Role.Agent, Seat = Seat.Full,
                Status = AgentStatus.Live, InvitedAt = now.AddMinutes(i),
            }).ToList();
            var conversations = new List<Conversation>();
            void Open() => conversations.Add(new Conversation { WorkspaceId = workspace, CreatedAt = now.AddTicks(conversations.Count), UpdatedAt = now });
            for (var i = 0; i < initial; i++) Open();

            int LoadOf(Membership agent) => conversations.Count(c => !c.IsFinished
                && (c.AssigneeUserId == agent.UserId || (c.AssigneeUserId is null && c.OfferedToUserId == agent.UserId)));

            void Drain()
            {
                var candidates = agents.Select((a, i) => new AgentPicker.Candidate(a, LoadOf(a), capacities[i])).ToList();
                var queue = conversations.Where(c => !c.IsFinished && c.AssigneeUserId is null && !c.HasOpenOffer)
                    .OrderBy(c => c.CreatedAt).ToList();
                // Slots taken earlier in the same pass count: "room" is what is left when the pass reaches each one.
                var taken = new Dictionary<Guid, int>();
                foreach (var (conversation, chosen) in RoutingPass.Plan(queue, Candidates.Of(candidates)))
                {
                    var passed = conversation.PassedBy;
                    if (passed.Contains(chosen.Member.UserId))
                        candidates.Where(c => c.Load + taken.GetValueOrDefault(c.Member.UserId) < c.Capacity
                                && !passed.Contains(c.Member.UserId))
                            .ShouldBeEmpty("an agent who passed is offered again while another with room has not passed");
                    taken[chosen.Member.UserId] = taken.GetValueOrDefault(chosen.Member.UserId) + 1;
                    conversation.OfferTo(chosen.Member.UserId, now, now.AddSeconds(Timeout));
                }
            }

            void Check()
            {
                foreach (var c in conversations)
                    (c.AssigneeUserId is not null && c.OfferedToUserId is not null).ShouldBeFalse("a conversation is held and offered at once");
                for (var i = 0; i < agents.Count; i++)
                    LoadOf(agents[i]).ShouldBeLessThanOrEqualTo(capacities[i], "conversations and open offers exceed capacity");
            }

            Drain();
            Check();
            foreach (var step in steps)
            {
                var agent = agents[step.Agent % agents.Count];
                var conversation = conversations.Count == 0 ? null : conversations[step.Conversation % conversations.Count];
                switch (step.Kind)
                {
                    case Kind.Accept or Kind.Decline when conversation is not null:
                        var admitted = AnswerOffer.Refusal(conversation, agent.UserId, now) is null;
                        admitted.ShouldBe(conversation.OfferedToUserId == agent.UserId && conversation.OfferExpiresAt > now && !conversation.IsFinished);
                        if (!admitted) break;
                        if (step.Kind == Kind.Accept) conversation.AssignTo(agent, now).Succeeded.ShouldBeTrue();
                        else conversation.PassOffer(now);
                        break;
                    case Kind.Tick:
                        now = now.AddSeconds(step.Seconds);
                        foreach (var lapsed in conversations.Where(c => c.HasOpenOffer && c.OfferExpiresAt <= now)) lapsed.PassOffer(now);
                        break;
                    case Kind.Finish when conversation is not null:
                        conversation.Status = ConversationStatus.Resolved;
                        conversation.ClearOffer();
                        break;
                    case Kind.Open:
                        Open();
                        break;
                }
                Drain();
                Check();
            }
        }, iter: 2000);
    }
}
