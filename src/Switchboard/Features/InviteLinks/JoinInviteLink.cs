using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.Pipeback;
using Switchboard.Features.Invites;
using Switchboard.Features.Team;

namespace Switchboard.Features.InviteLinks;

/// <summary>
/// POST /app/invite-links/join {token}: the signed-in user (with a confirmed address: a link proves no mailbox)
/// joins the link's workspace with its role and seat. The link's uses and the plan are both counted under the
/// workspace lock, so twenty joins racing for the last use, or the last seat, admit exactly as many as fit.
/// Every state a link cannot be used in (unknown, revoked, expired, used up) answers the same 404. Each use is
/// audited (invite_link.used).
/// </summary>
public static class JoinInviteLink
{
    public sealed record Request(string Token);

    public const string Unconfirmed = "Confirm your email address before joining a workspace.";
    public const string RemovedMember =
        "You were removed from this workspace after this link was made. Ask its owner for a new invitation.";

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var token = input.String("token", required: true, max: 200);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == http.User.UserId());
        if (user is null) return Answer.Refuse(Failure.Unauthenticated());
        if (user.EmailVerifiedAt is null) return Answer.Refuse(Failure.Forbidden(Unconfirmed, RefusalCodes.EmailUnconfirmed));

        var now = time.Now();
        var hash = InviteLinkSecret.Hash(token!);
        var found = await db.InviteLinks.AsNoTracking().FirstOrDefaultAsync(l => l.SecretHash == hash);
        if (found is null || !found.IsLive(now)) return NotFound();

        Membership member;
        Workspace workspace;
        await using (var work = await WorkspaceWork.BeginAsync(db, events, found.WorkspaceId))
        {
            if (work is null) return NotFound();
            // Read again under the lock: the use count that gates this join is the one no other join can move.
            var link = await db.InviteLinks.FirstOrDefaultAsync(l => l.Id == found.Id);
            if (link is null || !link.IsLive(now)) return NotFound();
            workspace = work.Workspace;
            if (!await CreatorMayStillCreateAsync(db, workspace, link))
            {
                // The link dies with its creator's right, for good (a right given back later does not revive it).
                link.RevokedAt = now;
                AuditLog.Record(db, now, workspace.Id, null, "invite_link.revoked", "invite_link", link.Id,
                    new { reason = "creator_lost_right", created_by = link.CreatedByUserId });
                await work.CommitAsync();
                return NotFound();
            }
            if (await RemovedSinceAsync(db, workspace.Id, user.Id, link.CreatedAt))
                return Answer.Refuse(Failure.Forbidden(RemovedMember));
            var enrolled = await MemberEnrollment.EnrollAsync(db, now, workspace, user.Id, link.Role, link.Seat, user.Id, "invite_link");
            if (!enrolled.Succeeded)
                return enrolled.Failure.Kind == FailureKind.Conflict
                    ? Answer.Invalid([new FieldError("body", "token", FieldRule.Custom, Message: CreateInvite.AlreadyMember)])
                    : Answer.Refuse(enrolled.Failure);
            member = enrolled.Value;
            link.Uses++;
            AuditLog.Record(db, now, workspace.Id, user.Id, "invite_link.used", "invite_link", link.Id,
                new { user_id = user.Id, email = user.Email, membership_id = member.Id, uses = link.Uses, max_uses = link.MaxUses });
            work.Raise(new MemberJoined(workspace.Id, user.Id, member.Id, member.Role, member.Seat));
            work.Raise(new InvitesChanged(workspace.Id));
            await work.CommitAsync();
        }
        return Answer.Value(new JoinInvite.Joined(member.Id, workspace.Id, member.Role.Wire(), member.Seat.Wire(),
            InviteWorkspaceWithLogo.From(workspace)));
    }

    /// <summary>
    /// Whoever made the link must still be an active member allowed to make it now (demoted, removed, suspended, or
    /// admins no longer allowed to invite: the link no longer speaks for the workspace).
    /// </summary>
    private static async Task<bool> CreatorMayStillCreateAsync(SwitchboardDb db, Workspace workspace, InviteLink link)
    {
        var creator = await db.Memberships.AsNoTracking()
            .FirstOrDefaultAsync(m => m.WorkspaceId == workspace.Id && m.UserId == link.CreatedByUserId);
        return creator is not null && creator.Allows(Permission.InviteMembers, workspace) && creator.MayManageRole(link.Role);
    }

    /// <summary>
    /// Whether this user was removed from the workspace after the link was made: a link they picked up while a member
    /// must not bring them back; only an invitation made after the removal may.
    /// </summary>
    private static Task<bool> RemovedSinceAsync(SwitchboardDb db, Guid workspaceId, Guid userId, DateTime since)
    {
        var id = userId.ToString();
        return db.AuditEvents.AnyAsync(a => a.WorkspaceId == workspaceId && a.Action == "member.removed"
            && a.CreatedAt >= since && a.Data != null && a.Data.Contains(id));
    }

    private static IResult NotFound() => Answer.Refuse(Failure.NotFound(ManageInviteLinks.NotFoundMessage));
}
