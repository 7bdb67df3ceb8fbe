using Switchboard.Faces;
using Switchboard.Domain;
using Switchboard.Faces.Pipeback;

namespace Switchboard.Features.Invites;

/// <summary>
/// GET /app/invites/{id}: no authentication, the random id is the capability. Used, expired or revoked → 404, whose
/// code says which (<see cref="InviteLookup.GoneAsync"/>).
/// </summary>
public static class ShowInvite
{
    public static async Task<IResult> HandleAsync(string id, [AsParameters] InviteServices s)
    {
        var invite = await InviteLookup.FindPendingAsync(s.Db, id, s.Time.Now());
        return invite is null
            ? Answer.Refuse(await InviteLookup.GoneAsync(s.Db, id, s.Time.Now()))
            : Answer.Value(InviteView.From(invite, InviteWorkspaceWithLogo.From(invite.Workspace!)));
    }
}
