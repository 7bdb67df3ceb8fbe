using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Features.Invites;

/// <summary>Finding invites by the id in a link or a route; a malformed id is simply not found.</summary>
public static class InviteLookup
{
    public const string NotFoundMessage = "Invite not found.";

    public static Failure NotFound => Failure.NotFound(NotFoundMessage);

    /// <summary>
    /// The 404 of a public link that found no pending invite, in the same words whatever the reason; its code tells
    /// the holder of the link (and only them: the id is the capability) whether it was used or expired, so the
    /// page can say "sign in" rather than "ask for a new one". Revoked and never issued stay alike.
    /// </summary>
    public static async Task<Failure> GoneAsync(SwitchboardDb db, string id, DateTime now)
    {
        var status = Guid.TryParse(id, out var inviteId)
            ? await db.Invites.AsNoTracking().Where(i => i.Id == inviteId)
                .Select(i => new { i.Status, Expired = i.ExpiresAt <= now }).FirstOrDefaultAsync()
            : null;
        var code = status switch
        {
            { Status: InviteStatus.Accepted } => RefusalCodes.InviteUsed,
            { Status: InviteStatus.Expired } or { Status: InviteStatus.Pending, Expired: true } => RefusalCodes.InviteExpired,
            _ => RefusalCodes.InviteNotFound,
        };
        return Failure.NotFound(NotFoundMessage, code);
    }

    /// <summary>
    /// A pending invite, with its workspace, as the public link sees it: expired, revoked and accepted ones are
    /// gone (the rows stay as history, but a used or revoked link answers exactly as a deleted one did).
    /// </summary>
    public static async Task<Invite?> FindPendingAsync(SwitchboardDb db, string id, DateTime now) =>
        Guid.TryParse(id, out var inviteId)
            ? await db.Invites.AsNoTracking().Include(i => i.Workspace)
                .FirstOrDefaultAsync(i => i.Id == inviteId && i.Status == InviteStatus.Pending && i.ExpiresAt > now)
            : null;

    /// <summary>
    /// An invite of the caller's workspace that can still be resent or revoked — pending or expired — tracked
    /// for a change. Accepted and revoked invites are history: not found, as when they were deleted.
    /// </summary>
    public static async Task<Invite?> FindInWorkspaceAsync(SwitchboardDb db, string id, Guid workspaceId) =>
        Guid.TryParse(id, out var inviteId)
            ? await db.Invites.FirstOrDefaultAsync(i => i.Id == inviteId && i.WorkspaceId == workspaceId
                && (i.Status == InviteStatus.Pending || i.Status == InviteStatus.Expired))
            : null;

    /// <summary>
    /// Takes the invite out of the pending set: the one state change that makes a link used. Inside a
    /// transaction, only one of two concurrent accepts moves the row to accepted; the other sees 0 and gives up.
    /// </summary>
    public static async Task<bool> ConsumeAsync(SwitchboardDb db, Guid inviteId, DateTime now) =>
        await db.Invites.Where(i => i.Id == inviteId && i.Status == InviteStatus.Pending && i.ExpiresAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, InviteStatus.Accepted).SetProperty(i => i.UpdatedAt, now)) == 1;
}
