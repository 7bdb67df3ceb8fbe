using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Features.Invites;

/// <summary>Finding invites by the id in a link or a route; a malformed id is simply not found.</summary>
public static class InviteLookup
{
    public const string NotFoundMessage = "Invite not found.";

    public static Failure NotFound => Failure.NotFound(NotFoundMessage);

    /// <summary>A pending invite, with its workspace, as the public link sees it: expired ones are gone.</summary>
    public static async Task<Invite?> FindPendingAsync(SwitchboardDb db, string id, DateTime now) =>
        Guid.TryParse(id, out var inviteId)
            ? await db.Invites.AsNoTracking().Include(i => i.Workspace)
                .FirstOrDefaultAsync(i => i.Id == inviteId && i.ExpiresAt > now)
            : null;

    /// <summary>An invite of the caller's workspace, expired or not, tracked for a change.</summary>
    public static async Task<Invite?> FindInWorkspaceAsync(SwitchboardDb db, string id, Guid workspaceId) =>
        Guid.TryParse(id, out var inviteId)
            ? await db.Invites.FirstOrDefaultAsync(i => i.Id == inviteId && i.WorkspaceId == workspaceId)
            : null;

    /// <summary>
    /// Takes the invite out of the pending set: the one state change that makes a link used. Inside a
    /// transaction, only one of two concurrent accepts deletes the row; the other sees 0 and gives up.
    /// </summary>
    public static async Task<bool> ConsumeAsync(SwitchboardDb db, Guid inviteId, DateTime now) =>
        await db.Invites.Where(i => i.Id == inviteId && i.ExpiresAt > now).ExecuteDeleteAsync() == 1;
}
