using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.Pipeback;
using Switchboard.Features.Invites;

namespace Switchboard.Features.InviteLinks;

/// <summary>
/// POST /app/invite-links/preview {token}: what a link leads to — the workspace's name, handle and logo, the role
/// and seat — so the join page can name the workspace before anyone signs in (as an email invite's page does). No
/// authentication: the secret is the right to see this. The secret travels in the body, never the URL (logs keep
/// URLs). A link that cannot be used answers the same 404 as joining with it, so the preview tells no more.
/// </summary>
public static class PreviewInviteLink
{
    public sealed record Preview(InviteWorkspaceWithLogo Workspace, string Role, string Seat, string ExpiresAt);

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var token = input.String("token", required: true, max: 200);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var hash = InviteLinkSecret.Hash(token!);
        var link = await db.InviteLinks.AsNoTracking().FirstOrDefaultAsync(l => l.SecretHash == hash);
        if (link is null || !link.IsLive(time.Now())) return NotFound();
        var workspace = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == link.WorkspaceId);
        if (workspace is null) return NotFound();
        return Answer.Value(new Preview(InviteWorkspaceWithLogo.From(workspace), link.Role.Wire(), link.Seat.Wire(),
            PipebackFace.Timestamp(link.ExpiresAt)));
    }

    private static IResult NotFound() => Answer.Refuse(Failure.NotFound(ManageInviteLinks.NotFoundMessage));
}
