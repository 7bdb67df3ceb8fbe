using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email.Templates;
using Switchboard.Features.Team;

namespace Switchboard.Features.Invites;

/// <summary>
/// The one path by which an invite becomes a membership, for a new account (accept) and a signed-in one
/// (join): inside the workspace's unit of work, after the invite was consumed, the user is enrolled with the
/// invite's role and seat against the plan as it is under the lock, the welcome mail and the audit row are written, and the events are raised.
/// </summary>
public static class InviteAcceptance
{
    public static async Task<Result<Membership>> CompleteAsync(InviteServices s, WorkspaceWork work, Invite invite,
        Domain.User user, DateTime now, bool existingAccount)
    {
        // The invite is no longer pending, so its seat is not counted twice.
        var enrolled = await MemberEnrollment.EnrollAsync(s.Db, now, work.Workspace, user.Id, invite.Role, invite.Seat,
            user.Id, existingAccount ? "invite_joined" : "invite_accepted");
        if (!enrolled.Succeeded) return enrolled.Failure;
        var member = enrolled.Value;
        // Nothing here confirms the address: the inviter knew the link too, so only the mailed confirmation link
        // (or a completed password reset) proves the mailbox.
        s.Outbox.Add(s.Db, now, user.Email, WelcomeMail.Compose(work.Workspace.Name, user.Name, s.Links.Home));
        object data = existingAccount
            ? new { email = user.Email, membership_id = member.Id, invited_by = invite.InvitedByUserId, existing_account = true }
            : new { email = user.Email, membership_id = member.Id, invited_by = invite.InvitedByUserId };
        AuditLog.Record(s.Db, now, work.Workspace.Id, user.Id, "invite.accepted", "invite", invite.Id, data);
        work.Raise(new MemberJoined(work.Workspace.Id, user.Id, member.Id, member.Role, member.Seat));
        work.Raise(new InviteAccepted(work.Workspace.Id, invite.Id, invite.Role, user.Id, member.Id));
        return member;
    }
}
