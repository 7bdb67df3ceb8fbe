using Switchboard.Faces;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces.Pipeback;
using Switchboard.Tenancy;

namespace Switchboard.Features.Invites;

/// <summary>
/// GET /app/invites[?status=pending|expired|revoked|accepted|all]: the workspace's invites, oldest first — by
/// default the pending (unexpired) ones, as before statuses existed — only to those who manage them. An
/// invite's id is what its mailed link carries, so showing it is handing over the invite: the owner sees
/// every invite, an admin with the invite right sees agent invites only, anyone else gets 403.
/// </summary>
public static class ListInvites
{
    public const int Limit = 500;

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, TimeProvider time, string? status = null)
    {
        var caller = http.Caller();
        if (!caller.May(Permission.InviteMembers))
            return Answer.Refuse(Failure.Forbidden(InvitePermissions.NotAllowed));
        InviteStatus? wanted = InviteStatus.Pending;
        if (status is not null && status != "all")
        {
            if (!WireNames.TryParseWire<InviteStatus>(status, out var parsed))
            {
                var input = Input.Empty("query");
                input.Fail("status", FieldRule.OneOf, WireNames.Choices<InviteStatus>() + ", all");
                return Answer.Invalid(input.Errors);
            }
            wanted = parsed;
        }
        else if (status == "all") wanted = null;

        var now = time.Now();
        var query = db.Invites.AsNoTracking().Where(i => i.WorkspaceId == caller.WorkspaceId);
        // The stored status, with time applied: a pending row past its expiry is expired before the sweep says so.
        query = wanted switch
        {
            InviteStatus.Pending => query.Where(i => i.Status == InviteStatus.Pending && i.ExpiresAt > now),
            InviteStatus.Expired => query.Where(i => i.Status == InviteStatus.Expired || (i.Status == InviteStatus.Pending && i.ExpiresAt <= now)),
            { } other => query.Where(i => i.Status == other),
            null => query,
        };
        if (!caller.Member.IsOwner) query = query.Where(i => i.Role == Role.Agent);
        var invites = await query
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Email)
            .Take(Limit)
            .ToListAsync();
        var inviterIds = invites.Select(i => i.InvitedByUserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => inviterIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Name }).ToDictionaryAsync(u => u.Id, u => u.Name);
        var workspace = InviteWorkspace.From(caller.Workspace);
        return PipebackFace.Data(invites
            .Select(i => ManagedInviteView.From(i, workspace, names.GetValueOrDefault(i.InvitedByUserId, "A former member"), now))
            .ToList());
    }
}
