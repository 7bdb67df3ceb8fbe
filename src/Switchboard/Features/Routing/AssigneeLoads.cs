using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Features.Routing;

/// <summary>
/// How many conversations (<see cref="Conversation.IsLoad"/>) each member of a workspace holds: those assigned to
/// them, plus those offered to them and not yet accepted (offer routing), so an open offer takes a slot and an
/// accept can never push anyone past capacity.
/// </summary>
public static class AssigneeLoads
{
    public static async Task<Dictionary<Guid, int>> ByUserAsync(SwitchboardDb db, Guid workspaceId)
    {
        var loads = await db.Conversations
            .Where(c => c.WorkspaceId == workspaceId && c.AssigneeUserId != null)
            .Where(Conversation.IsLoad)
            .GroupBy(c => c.AssigneeUserId)
            .Select(g => new { UserId = g.Key!.Value, Count = g.Count() })
            .ToDictionaryAsync(x => x.UserId, x => x.Count);
        var offers = await db.Conversations
            .Where(c => c.WorkspaceId == workspaceId && c.AssigneeUserId == null && c.OfferedToUserId != null)
            .Where(Conversation.IsLoad)
            .GroupBy(c => c.OfferedToUserId)
            .Select(g => new { UserId = g.Key!.Value, Count = g.Count() })
            .ToListAsync();
        foreach (var offer in offers) loads[offer.UserId] = loads.GetValueOrDefault(offer.UserId) + offer.Count;
        return loads;
    }
}
