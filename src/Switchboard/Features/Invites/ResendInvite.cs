using Switchboard.Faces;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces.Pipeback;
using Switchboard.Features.Billing;
using Switchboard.Tenancy;

namespace Switchboard.Features.Invites;

/// <summary>
/// POST /app/invites/{id}/resend: a fresh mail and a renewed expiry (rate-limited per invite and caller).
/// The link stays the same. An expired full-seat invite no longer held a seat, so renewing it must fit the plan.
/// </summary>
public static class ResendInvite
{
    public static async Task<IResult> HandleAsync(HttpContext http, string id, [AsParameters] InviteServices s)
    {
        var caller = http.Caller();
        var db = s.Db;
        var now = s.Time.Now();
        await using (var work = await WorkspaceWork.BeginAsync(db, s.Events, caller.WorkspaceId))
        {
            if (work is null) return Answer.Refuse(InviteLookup.NotFound);
            var workspace = work.Workspace;
            var invite = await InviteLookup.FindInWorkspaceAsync(db, id, caller.WorkspaceId);
            if (invite is null) return Answer.Refuse(InviteLookup.NotFound);
            if (!caller.May(Permission.InviteMembers))
                return Answer.Refuse(Failure.Forbidden(InvitePermissions.NotAllowed));
            if (!caller.Member.MayManageRole(invite.Role))
                return Answer.Refuse(Failure.Forbidden(InvitePermissions.AgentsOnly));
            if (invite.IsExpired(now) && Membership.UsesPlanSeatFor(invite.Role, invite.Seat))
            {
                var usage = await SeatUsage.MeasureAsync(db, caller.WorkspaceId, now);
                if (!usage.HasRoomFor(workspace.Plan)) return Answer.Refuse(SeatUsage.LimitReached(workspace.Plan));
            }
            if (await InviteMailer.WaitBeforeMailAsync(s, invite.NormalizedEmail, now) is { } wait)
                return InviteMailer.TooManyMails(http.Response, wait);
            invite.ExpiresAt = now + s.Options.Value.Lifetime;
            invite.UpdatedAt = now;
            await InviteMailer.QueueAsync(s, now, invite, workspace, caller.UserId);
            AuditLog.Record(db, now, caller.WorkspaceId, caller.UserId, "invite.resent", "invite", invite.Id,
                new { email = invite.Email });
            work.Raise(new InvitesChanged(caller.WorkspaceId));
            await work.CommitAsync();
            s.Outbox.Wake();
            return PipebackFace.Data(InviteView.From(invite, InviteWorkspace.From(workspace)));
        }
    }
}
