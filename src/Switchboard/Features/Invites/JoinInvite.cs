using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Auth;
using Switchboard.Domain;
using Switchboard.Email.Templates;
using Switchboard.Faces;
using Switchboard.Faces.Pipeback;
using Switchboard.Features.Audit;
using Switchboard.Features.Billing;
using Switchboard.Features.Team;

namespace Switchboard.Features.Invites;

/// <summary>
/// POST /app/invites/{id}/join: a signed-in user whose address the invite was sent to joins without a new
/// password. Same single state change as accepting: the invite is consumed in the membership's transaction.
/// </summary>
public static class JoinInvite
{
    public sealed record Joined(Guid Id, Guid WorkspaceId, string Role, string Seat, InviteWorkspaceWithLogo Workspace);

    public static async Task<IResult> HandleAsync(HttpContext http, string id, [AsParameters] InviteServices s)
    {
        var db = s.Db;
        var invite = await InviteLookup.FindPendingAsync(db, id, s.Time.Now());
        if (invite is null) return PipebackFace.Error(InviteLookup.NotFound);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == http.User.UserId());
        if (user is null) return PipebackFace.Unauthenticated();
        if (user.NormalizedEmail != invite.NormalizedEmail)
            return PipebackFace.Message(403, "This invitation was sent to a different email address.");

        var now = s.Time.Now();
        Membership member;
        Workspace workspace;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await WorkspaceLock.AcquireAsync(db, invite.WorkspaceId);
            if (!await InviteLookup.ConsumeAsync(db, invite.Id, now)) return PipebackFace.Error(InviteLookup.NotFound);
            workspace = await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == invite.WorkspaceId);
            var enrolled = await MemberEnrollment.EnrollAsync(db, now, workspace, user.Id, invite.Role, invite.Seat,
                user.Id, "invite_joined");
            if (!enrolled.Succeeded)
                return enrolled.Failure.Kind == FailureKind.Conflict
                    ? PipebackFace.Validation([new FieldError("body", "email", FieldRule.Custom, Message: CreateInvite.AlreadyMember)])
                    : PipebackFace.Error(enrolled.Failure);
            member = enrolled.Value;
            // Following the link proved the address, as it does for a new account.
            user.EmailVerifiedAt ??= now;
            s.Outbox.Add(db, now, user.Email, WelcomeMail.Compose(workspace.Name, user.Name, s.Links.Home));
            AuditLog.Record(db, now, workspace.Id, user.Id, "invite.accepted", "invite", invite.Id,
                new { email = user.Email, membership_id = member.Id, invited_by = invite.InvitedByUserId, existing_account = true });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        s.Outbox.Wake();
        await s.Events.PublishAsync(new MemberJoined(workspace.Id, user.Id, member.Id, member.Role, member.Seat));
        await s.Events.PublishAsync(new InviteAccepted(workspace.Id, invite.Id, invite.Role, user.Id, member.Id));
        return PipebackFace.Data(new Joined(member.Id, workspace.Id, member.Role.Wire(), member.Seat.Wire(),
            InviteWorkspaceWithLogo.From(workspace)));
    }
}
