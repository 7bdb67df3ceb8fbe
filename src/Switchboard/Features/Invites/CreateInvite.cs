using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email.Templates;
using Switchboard.Faces;
using Switchboard.Faces.Pipeback;
using Switchboard.Features.Billing;
using Switchboard.Features.Team;
using Switchboard.Tenancy;

namespace Switchboard.Features.Invites;

/// <summary>
/// POST /app/invites {email, seat, role?}: an address without an account gets an invite row and its mail
/// in one transaction; an existing user who confirmed their address is added at once. An account whose
/// address was never confirmed is treated like no account (a pending invite, mailed): its registration
/// proves nothing, the link does. Full seats count against the plan, pending invites included.
/// </summary>
public static class CreateInvite
{
    public sealed record Request(string Email, string Seat, string? Role);

    public const string AddedMessage = "User already has an account and was added to the workspace automatically.";
    public const string AlreadyInvited = "An invite has already been sent to this email address.";
    public const string AlreadyMember = "This user is already a member of the workspace.";

    public static async Task<IResult> HandleAsync(HttpContext http, [AsParameters] InviteServices s)
    {
        var caller = http.Caller();
        if (!caller.May(Permission.InviteMembers))
            return Answer.Refuse(Failure.Forbidden("You are not allowed to invite members to this workspace."));

        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var email = input.Email("email");
        var seat = input.Choice<Seat>("seat", input.String("seat", required: true, max: 16));
        var role = ReadRole(input);
        if (!input.IsValid) return Answer.Invalid(input.Errors);
        if (!caller.Member.MayManageRole(role))
            return Answer.Refuse(Failure.Forbidden("Admins can only invite agents."));

        var normalized = Domain.User.Normalize(email!);
        var now = s.Time.Now();
        var user = await s.Db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized);
        if (user is not null && await s.Db.Memberships.AnyAsync(m => m.WorkspaceId == caller.WorkspaceId && m.UserId == user.Id))
            return EmailError(AlreadyMember);
        if (await s.Db.Invites.AnyAsync(i => i.WorkspaceId == caller.WorkspaceId && i.NormalizedEmail == normalized && i.ExpiresAt > now))
            return EmailError(AlreadyInvited);

        return user is not { EmailVerifiedAt: not null }
            ? await InviteAsync(http, s, caller, email!, normalized, seat!.Value, role, now)
            : await AddExistingAsync(s, caller, user, seat!.Value, role, now);
    }

    private static Role ReadRole(Input input)
    {
        var text = input.String("role", max: 16);
        if (text is null or "agent") return Role.Agent;
        if (text == "admin") return Role.Admin;
        input.Fail("role", FieldRule.OneOf, "agent, admin");
        return Role.Agent;
    }

    private static async Task<IResult> InviteAsync(HttpContext http, InviteServices s, Caller caller, string email, string normalized,
        Seat seat, Role role, DateTime now)
    {
        var db = s.Db;
        var invite = new Invite
        {
            WorkspaceId = caller.WorkspaceId,
            Email = email,
            NormalizedEmail = normalized,
            Seat = seat,
            Role = role,
            InvitedByUserId = caller.UserId,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now + s.Options.Value.Lifetime,
        };
        await using (var work = await WorkspaceWork.BeginAsync(db, s.Events, caller.WorkspaceId))
        {
            if (work is null) return Answer.Refuse(Failure.NotFound("Workspace not found"));
            var workspace = work.Workspace;
            // An expired invite for the address would block the new one on the unique (workspace, email) index.
            await db.Invites.Where(i => i.WorkspaceId == caller.WorkspaceId && i.NormalizedEmail == normalized && i.ExpiresAt <= now)
                .ExecuteDeleteAsync();
            if (await db.Invites.AnyAsync(i => i.WorkspaceId == caller.WorkspaceId && i.NormalizedEmail == normalized))
                return EmailError(AlreadyInvited);
            if (Membership.UsesPlanSeatFor(role, seat))
            {
                var usage = await SeatUsage.MeasureAsync(db, caller.WorkspaceId, now);
                if (!usage.HasRoomFor(workspace.Plan)) return Answer.Refuse(SeatUsage.LimitReached(workspace.Plan));
            }
            if (await InviteMailer.WaitBeforeMailAsync(s, normalized, now) is { } wait)
                return InviteMailer.TooManyMails(http.Response, wait);
            db.Invites.Add(invite);
            await InviteMailer.QueueAsync(s, now, invite, workspace, caller.UserId);
            AuditLog.Record(db, now, caller.WorkspaceId, caller.UserId, "invite.created", "invite", invite.Id,
                new { email, seat = seat.Wire(), role = role.Wire() });
            work.Raise(new InvitesChanged(caller.WorkspaceId));
            try
            {
                await work.CommitAsync();
            }
            catch (DbUpdateException)
            {
                // A concurrent invite of the same address won the unique index.
                return EmailError(AlreadyInvited);
            }
        }
        s.Outbox.Wake();
        return PipebackFace.Data(InviteView.From(invite, InviteWorkspace.From(caller.Workspace)), 201);
    }

    private static async Task<IResult> AddExistingAsync(InviteServices s, Caller caller, Domain.User user, Seat seat,
        Role role, DateTime now)
    {
        var db = s.Db;
        await using (var work = await WorkspaceWork.BeginAsync(db, s.Events, caller.WorkspaceId))
        {
            if (work is null) return Answer.Refuse(Failure.NotFound("Workspace not found"));
            var workspace = work.Workspace;
            var added = await MemberEnrollment.EnrollAsync(db, now, workspace, user.Id, role, seat, caller.UserId,
                "pipeback_invite");
            if (!added.Succeeded)
                return added.Failure.Kind == FailureKind.Conflict ? EmailError(AlreadyMember) : Answer.Refuse(added.Failure);
            var member = added.Value;
            // Over the per-recipient cap the member is still added; only the courtesy mail is skipped.
            if (await InviteMailer.WaitBeforeMailAsync(s, user.NormalizedEmail, now) is null)
            {
                var inviter = await InviteMailer.InviterNameAsync(s, caller.UserId);
                s.Outbox.Add(db, now, user.Email, AddedToWorkspaceMail.Compose(workspace.Name, inviter, s.Links.Home));
            }
            work.Raise(new MemberJoined(caller.WorkspaceId, user.Id, member.Id, member.Role, member.Seat));
            await work.CommitAsync();
        }
        s.Outbox.Wake();
        return Answer.Message(AddedMessage);
    }

    private static IResult EmailError(string message) =>
        Answer.Invalid([new FieldError("body", "email", FieldRule.Custom, Message: message)]);
}
