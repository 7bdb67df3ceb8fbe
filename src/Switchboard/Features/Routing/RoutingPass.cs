using Switchboard.Domain;

namespace Switchboard.Features.Routing;

/// <summary>
/// One pass over a page of the queue, free of I/O so the property tests can drive it: in queue order, each
/// conversation whose team is open goes to the agent <see cref="AgentPicker"/> picks among those it admits; one that
/// nobody matches is skipped, and the pass stops when nobody has room. Returns the assignments to make, in order.
/// </summary>
public static class RoutingPass
{
    public static List<(Conversation Conversation, AgentPicker.Candidate Agent)> Plan(IEnumerable<Conversation> queue, Candidates candidates)
    {
        var plan = new List<(Conversation, AgentPicker.Candidate)>();
        foreach (var conversation in queue)
        {
            if (conversation.AssigneeUserId is not null || conversation.IsFinished) continue;
            if (!candidates.AnyRoom) break;
            var need = AgentPicker.Need.Of(conversation);
            if (!candidates.IsOpen(need)) continue;
            var chosen = AgentPicker.Pick(candidates.All, need: need);
            if (chosen is null) continue;
            plan.Add((conversation, chosen));
            candidates.Took(chosen);
        }
        return plan;
    }
}
