using Switchboard.Faces;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces.Pipeback;
using Switchboard.Features.Billing;
using Switchboard.Tenancy;

namespace Switchboard.Features.Invites;

/// <summary>
/// POST /app/invites/{id}/resend: a fresh mail and a renewed expiry (rate-limited per invite and caller; only from
/// a confirmed address, within the workspace's daily mail budget and the mailbox's hourly cap).
/// The link stays the same. An expired full-seat invite no longer held a seat, so renewing it must fit the plan;
/// it becomes pending again, unless another pending invite went to the address meanwhile (then 422).
/// </summary>
public static class ResendInvite
{
    public static async Task<IResult> HandleAsync(HttpContext http, string id, [AsParameters] InviteServices s)
    {
        var caller = http.Caller();
        var db = s.Db;
        var now = s.Time.Now();
        await using (var work = await WorkspaceWork.BeginAsync(db, s.Events, caller))
        {
            if (work is null) return Answer.Refuse(InviteLookup.NotFound);
            var workspace = work.Workspace;
            var invite = await InviteLookup.FindInWorkspaceAsync(db, id, caller.WorkspaceId);
            if (invite is null) return Answer.Refuse(InviteLookup.NotFound);
            if (!caller.May(Permission.InviteMembers))
                return Answer.Refuse(Failure.Forbidden(InvitePermissions.NotAllowed));
            if (!caller.Member.MayManageRole(invite.Role))
                return Answer.Refuse(Failure.Forbidden(InvitePermissions.AgentsOnly, RefusalCodes.AdminsAgentsOnly));
            if (await InviterConfirmation.RefusalAsync(s, caller) is { } unconfirmed) return unconfirmed;
            var expired = invite.StatusAt(now) == InviteStatus.Expired;
            if (expired && await db.Invites.AnyAsync(i => i.WorkspaceId == caller.WorkspaceId && i.Id != invite.Id
                    && i.NormalizedEmail == invite.NormalizedEmail && i.Status == InviteStatus.Pending && i.ExpiresAt > now))
                return Answer.Invalid([new FieldError("body", "email", FieldRule.Custom, Message: CreateInvite.AlreadyInvited)]);
            if (expired && Membership.UsesPlanSeatFor(invite.Role, invite.Seat))
            {
                var usage = await SeatUsage.MeasureAsync(db, caller.WorkspaceId, now);
                if (!usage.HasRoomFor(workspace.Plan)) return Answer.Refuse(SeatUsage.LimitReached(workspace.Plan));
            }
            if (await InviteBudget.WaitAsync(s, workspace, now) is { } spent)
                return InviteBudget.Spent(http.Response, spent);
            if (await InviteMailer.WaitBeforeMailAsync(s, invite.Email, now) is { } wait)
                return InviteMailer.TooManyMails(http.Response, wait);
            // A stale pending row for the address would block this one on the unique index of pending invites.
            if (expired)
                await db.Invites.Where(i => i.WorkspaceId == caller.WorkspaceId && i.Id != invite.Id
                        && i.NormalizedEmail == invite.NormalizedEmail && i.Status == InviteStatus.Pending)
                    .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, InviteStatus.Expired));
            invite.Status = InviteStatus.Pending;
            invite.ExpiresAt = now + s.Options.Value.Lifetime;
            invite.UpdatedAt = now;
            await InviteMailer.QueueAsync(s, now, invite, workspace, caller.UserId);
            AuditLog.Record(db, now, caller.WorkspaceId, caller.UserId, "invite.resent", "invite", invite.Id,
                new { email = invite.Email });
            work.Raise(new InvitesChanged(caller.WorkspaceId));
            await work.CommitAsync();
            s.Outbox.Wake();
            var inviter = await InviteMailer.InviterNameAsync(s, invite.InvitedByUserId);
            return Answer.Value(ManagedInviteView.From(invite, InviteWorkspace.From(workspace), inviter, now));
        }
    }
}
