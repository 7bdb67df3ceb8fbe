using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Auth;
using Switchboard.Domain;
using Switchboard.Email.Templates;
using Switchboard.Faces;
using Switchboard.Faces.Pipeback;
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
        if (invite is null) return Answer.Refuse(await InviteLookup.GoneAsync(db, id, s.Time.Now()));
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == http.User.UserId());
        if (user is null) return Answer.Refuse(Failure.Unauthenticated());
        if (user.NormalizedEmail != invite.NormalizedEmail)
            return Answer.Refuse(Failure.Forbidden("This invitation was sent to a different email address.", RefusalCodes.InviteWrongAccount));

        var now = s.Time.Now();
        Membership member;
        Workspace workspace;
        await using (var work = await WorkspaceWork.BeginAsync(db, s.Events, invite.WorkspaceId))
        {
            if (work is null || !await InviteLookup.ConsumeAsync(db, invite.Id, now)) return Answer.Refuse(await InviteLookup.GoneAsync(db, id, now));
            workspace = work.Workspace;
            var completed = await InviteAcceptance.CompleteAsync(s, work, invite, user, now, existingAccount: true);
            if (!completed.Succeeded)
                return completed.Failure.Kind == FailureKind.Conflict
                    ? Answer.Invalid([new FieldError("body", "email", FieldRule.Custom, Message: CreateInvite.AlreadyMember)])
                    : Answer.Refuse(completed.Failure);
            member = completed.Value;
            await work.CommitAsync();
        }
        s.Outbox.Wake();
        return Answer.Value(new Joined(member.Id, workspace.Id, member.Role.Wire(), member.Seat.Wire(),
            InviteWorkspaceWithLogo.From(workspace)));
    }
}
