using Switchboard.Faces;
using Switchboard.Domain;
using Switchboard.Faces.Pipeback;

namespace Switchboard.Features.Invites;

/// <summary>GET /app/invites/{id}: no authentication, the random id is the capability. Expired or revoked → 404.</summary>
public static class ShowInvite
{
    public static async Task<IResult> HandleAsync(string id, [AsParameters] InviteServices s)
    {
        var invite = await InviteLookup.FindPendingAsync(s.Db, id, s.Time.Now());
        return invite is null
            ? Answer.Refuse(InviteLookup.NotFound)
            : PipebackFace.Data(InviteView.From(invite, InviteWorkspaceWithLogo.From(invite.Workspace!)));
    }
}
