using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Features.Routing;

/// <summary>How many conversations (<see cref="Conversation.IsLoad"/>) each member of a workspace holds.</summary>
public static class AssigneeLoads
{
    public static Task<Dictionary<Guid, int>> ByUserAsync(SwitchboardDb db, Guid workspaceId) =>
        db.Conversations
            .Where(c => c.WorkspaceId == workspaceId && c.AssigneeUserId != null)
            .Where(Conversation.IsLoad)
            .GroupBy(c => c.AssigneeUserId)
            .Select(g => new { UserId = g.Key!.Value, Count = g.Count() })
            .ToDictionaryAsync(x => x.UserId, x => x.Count);
}
