using Microsoft.AspNetCore.Identity;
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
/// POST /app/invites/{id} {email, name, password, password_confirmation, device?}: a new user accepts.
/// One transaction creates the account (verified: the link proved the address), the membership with its
/// welcome setup, and the token, and deletes the invite; of two concurrent accepts exactly one succeeds.
/// An account that already has the address but never confirmed it is claimed rather than refused: the
/// link proves the mailbox, the registration did not, so its password and sessions are replaced — an
/// address registered by someone else beforehand cannot keep the real invitee out.
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
        if (invite is null) return Answer.Refuse(InviteLookup.NotFound);

        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var email = input.Email("email");
        var name = input.String("name", required: true, max: 255);
        var password = input.Password("password");
        var confirmation = input.String("password_confirmation", required: true, max: int.MaxValue);
        var device = input.String("device", max: 255);
        if (email is not null && Domain.User.Normalize(email) != invite.NormalizedEmail)
            input.Fail("email", FieldRule.Custom, message: WrongEmail);
        if (name is not null && InputRules.IsBlank(name)) input.Fail("name", FieldRule.Required);
        if (password is not null && confirmation is not null && password != confirmation)
            input.Fail("password", FieldRule.Confirmed);
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var normalized = Domain.User.Normalize(email!);
        var existing = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized);
        if (existing is { EmailVerifiedAt: not null }) return EmailError(HasAccount);

        var now = s.Time.Now();
        var user = existing ?? new Domain.User
        {
            Email = email!,
            NormalizedEmail = normalized,
            Name = name!.Trim(),
            PasswordHash = "",
            CreatedAt = now,
            UpdatedAt = now,
        };
        user.Email = email!;
        user.Name = name!.Trim();
        user.EmailVerifiedAt = now;
        user.UpdatedAt = now;
        user.PasswordHash = await hasher.HashAsync(user, password!, http.RequestAborted);
        string token;
        List<long> revoked = [];
        await using (var work = await WorkspaceWork.BeginAsync(db, s.Events, invite.WorkspaceId))
        {
            if (work is null || !await InviteLookup.ConsumeAsync(db, invite.Id, now)) return Answer.Refuse(InviteLookup.NotFound);
            if (existing is null) db.Users.Add(user);
            else
            {
                if (await db.Users.AnyAsync(u => u.Id == user.Id && u.EmailVerifiedAt != null)) return EmailError(HasAccount);
                // Whoever registered the address without proving it loses every session of the account.
                revoked = await tokens.RevokeAllAsync(user.Id);
                await db.EmailVerifications.Where(v => v.UserId == user.Id).ExecuteDeleteAsync();
                foreach (var tokenId in revoked) work.Raise(new TokenRevoked(user.Id, tokenId));
            }
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                // The address registered meanwhile: the unique index answered for us.
                return EmailError(HasAccount);
            }
            var completed = await InviteAcceptance.CompleteAsync(s, work, invite, user, now, existingAccount: false);
            if (!completed.Succeeded) return Answer.Refuse(completed.Failure);
            token = await tokens.IssueAsync(user.Id, string.IsNullOrEmpty(device) ? "default" : device);
            await work.CommitAsync();
        }
        s.Outbox.Wake();
        return Results.Json(new Response(token, AccountView.From(user)));
    }

    private static IResult EmailError(string message) =>
        Answer.Invalid([new FieldError("body", "email", FieldRule.Custom, Message: message)]);
}
