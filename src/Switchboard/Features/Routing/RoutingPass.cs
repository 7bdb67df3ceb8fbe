using Switchboard.Domain;

namespace Switchboard.Features.Routing;

/// <summary>
/// One pass over a page of the queue, free of I/O so the property tests can drive it: in queue order, each
/// conversation whose team is open (or, outside its hours, whose workspace's after-hours team is open) goes to the
/// agent <see cref="AgentPicker"/> picks among those it admits; one that nobody matches is skipped, and the pass
/// stops when nobody has room. A conversation with an open offer is not in the queue. When every eligible agent
/// already passed on an offer of it, the round starts again among all of them. Returns the assignments (or, in
/// offer mode, the offers) to make, in order.
/// </summary>
public static class RoutingPass
{
    public static List<(Conversation Conversation, AgentPicker.Candidate Agent)> Plan(IEnumerable<Conversation> queue, Candidates candidates)
    {
        var plan = new List<(Conversation, AgentPicker.Candidate)>();
        foreach (var conversation in queue)
        {
            if (conversation.AssigneeUserId is not null || conversation.HasOpenOffer || conversation.IsFinished) continue;
            if (!candidates.AnyRoom) break;
            var need = AgentPicker.Need.Of(conversation);
            if (!candidates.IsOpen(need))
            {
                if (candidates.AfterHours(need) is not { } afterHours) continue;
                need = afterHours;
            }
            var chosen = AgentPicker.Pick(candidates.All, need: need)
                ?? (need.Passed is { Count: > 0 } ? AgentPicker.Pick(candidates.All, need: need with { Passed = null }) : null);
            if (chosen is null) continue;
            plan.Add((conversation, chosen));
            candidates.Took(chosen);
        }
        return plan;
    }
}
