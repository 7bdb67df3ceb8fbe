using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
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
/// POST /app/invites/{id} {email, name, password, password_confirmation, device?}: a new user accepts.
/// One transaction creates the account (verified: the link proved the address), the membership with its
/// welcome setup, and the token, and deletes the invite; of two concurrent accepts exactly one succeeds.
/// </summary>
public static class AcceptInvite
{
    public sealed record Request(string Email, string Name, string Password, string PasswordConfirmation, string? Device);
    public sealed record Response(string Token, AccountView User);

    public const string HasAccount = "An account with this email already exists. Sign in to accept the invitation.";
    public const string WrongEmail = "The email must match the address the invitation was sent to.";

    public static async Task<IResult> HandleAsync(HttpContext http, string id, [AsParameters] InviteServices s,
        TokenService tokens, IPasswordHasher<Domain.User> hasher)
    {
        var db = s.Db;
        var invite = await InviteLookup.FindPendingAsync(db, id, s.Time.Now());
        if (invite is null) return PipebackFace.Error(InviteLookup.NotFound);

        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return PipebackFace.Validation([error]);
        var input = new Input(body);
        var email = input.Email("email");
        var name = input.String("name", required: true, max: 255);
        var password = input.Password("password");
        var confirmation = input.String("password_confirmation", required: true, max: int.MaxValue);
        var device = input.String("device", max: 255);
        if (email is not null && Domain.User.Normalize(email) != invite.NormalizedEmail)
            input.Fail("email", FieldRule.Custom, message: WrongEmail);
        if (name is not null && name.Trim().Length == 0) input.Fail("name", FieldRule.Required);
        if (password is not null && confirmation is not null && password != confirmation)
            input.Fail("password", FieldRule.Confirmed);
        if (!input.IsValid) return PipebackFace.Validation(input.Errors);

        var normalized = Domain.User.Normalize(email!);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized)) return EmailError(HasAccount);

        var now = s.Time.Now();
        var user = new Domain.User
        {
            Email = email!,
            NormalizedEmail = normalized,
            Name = name!.Trim(),
            PasswordHash = "",
            EmailVerifiedAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        user.PasswordHash = await hasher.HashAsync(user, password!, http.RequestAborted);
        Membership member;
        string token;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await SeatLock.AcquireAsync(db, invite.WorkspaceId);
            if (!await InviteLookup.ConsumeAsync(db, invite.Id, now)) return PipebackFace.Error(InviteLookup.NotFound);
            db.Users.Add(user);
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                // The address registered meanwhile: the unique index answered for us.
                return EmailError(HasAccount);
            }
            // Read under the seat lock: the plan that counts is the one in force now.
            var workspace = await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == invite.WorkspaceId);
            // The invite row is gone already, so its pending seat is no longer counted twice.
            var enrolled = await MemberEnrollment.EnrollAsync(db, now, workspace, user.Id, invite.Role, invite.Seat,
                user.Id, "invite_accepted");
            if (!enrolled.Succeeded) return PipebackFace.Error(enrolled.Failure);
            member = enrolled.Value;
            s.Outbox.Add(db, now, user.Email, WelcomeMail.Compose(workspace.Name, user.Name, s.Links.Home));
            AuditLog.Record(db, now, workspace.Id, user.Id, "invite.accepted", "invite", invite.Id,
                new { email = user.Email, membership_id = member.Id, invited_by = invite.InvitedByUserId });
            await db.SaveChangesAsync();
            token = await tokens.IssueAsync(user.Id, string.IsNullOrEmpty(device) ? "default" : device);
            await transaction.CommitAsync();
        }
        s.Outbox.Wake();
        await s.Events.PublishAsync(new MemberJoined(invite.WorkspaceId, user.Id, member.Id, member.Role, member.Seat));
        await s.Events.PublishAsync(new InviteAccepted(invite.WorkspaceId, invite.Id, user.Id, member.Id));
        return Results.Json(new Response(token, AccountView.From(user)));
    }

    private static IResult EmailError(string message) =>
        PipebackFace.Validation([new FieldError("body", "email", FieldRule.Custom, Message: message)]);
}
