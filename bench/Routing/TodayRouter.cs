using Switchboard.Domain;
using Switchboard.Features.Routing;

namespace Bench.Routing;

/// <summary>
/// The reference: the router's selection loop as it stood before issue 28 (commit 7e41e0a, Features/Routing/Router.cs
/// and AgentPicker.cs): oldest first, the fewest-loaded live agent with room, the candidate list rebuilt after each pick.
/// </summary>
public static class TodayRouter
{
    public static int Plan(IReadOnlyList<Conversation> queue, List<AgentPicker.Candidate> candidates)
    {
        var assigned = 0;
        foreach (var _ in queue)
        {
            var chosen = candidates
                .Where(c => c.Member.CanBeRouted && c.HasRoom)
                .OrderBy(c => c.Load)
                .ThenBy(c => c.Member.LastAssignedAt ?? DateTime.MinValue)
                .ThenBy(c => c.Member.InvitedAt)
                .ThenBy(c => c.Member.Id)
                .FirstOrDefault();
            if (chosen is null) break;
            assigned++;
            candidates = candidates.Select(c => c == chosen ? c with { Load = c.Load + 1 } : c).ToList();
        }
        return assigned;
    }
}
