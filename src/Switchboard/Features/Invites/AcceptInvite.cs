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
/// One transaction creates the account, the membership with its welcome setup, and the token, and consumes the
/// invite; of two concurrent accepts exactly one succeeds.
/// The public accept never touches an existing account, whatever its state: an address that has one is refused
/// with words that say to sign in and join (<c>POST /app/invites/{id}/join</c> with that account's own token) —
/// otherwise whoever knows the invite id (the inviter) could set a password on someone else's account. Nor does
/// accepting prove the mailbox (the inviter knew the link): the new account is unconfirmed and gets the normal
/// confirmation mail. An address squatted by an unconfirmed account is won back by its owner through the mailed
/// password reset, which proves the mailbox.
/// </summary>
public static class AcceptInvite
{
    public sealed record Request(string Email, string Name, string Password, string PasswordConfirmation, string? Device);
    public sealed record Response(string Token, AccountView User);

    public const string HasAccount =
        "An account with this email already exists. Sign in and join the workspace from the invitation link; if you forgot the password, reset it first.";
    public const string WrongEmail = "The email must match the address the invitation was sent to.";

    public static async Task<IResult> HandleAsync(HttpContext http, string id, [AsParameters] InviteServices s,
        TokenService tokens, IPasswordHasher<Domain.User> hasher, Accounts.EmailVerifier verifier)
    {
        var db = s.Db;
        var invite = await InviteLookup.FindPendingAsync(db, id, s.Time.Now());
        if (invite is null) return Answer.Refuse(await InviteLookup.GoneAsync(db, id, s.Time.Now()));

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
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized)) return EmailError(HasAccount);
        if (await PasswordStrength.WeaknessAsync(hasher, password!, [email!, name!], http.RequestAborted) is { } weak)
            return Answer.Invalid([new FieldError("body", "password", FieldRule.Custom, Message: weak)]);

        var now = s.Time.Now();
        var user = new Domain.User
        {
            Email = email!,
            NormalizedEmail = normalized,
            Name = name!.Trim(),
            PasswordHash = "",
            CreatedAt = now,
            UpdatedAt = now,
        };
        user.PasswordHash = await hasher.HashAsync(user, password!, http.RequestAborted);
        string token;
        await using (var work = await WorkspaceWork.BeginAsync(db, s.Events, invite.WorkspaceId))
        {
            if (work is null || !await InviteLookup.ConsumeAsync(db, invite.Id, now)) return Answer.Refuse(await InviteLookup.GoneAsync(db, id, now));
            db.Users.Add(user);
            // The owner of the mailbox confirms it through the mailed link, like any new account.
            verifier.Queue(user, now);
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
        return Answer.Bare(new Response(token, AccountView.From(user)));
    }

    private static IResult EmailError(string message) =>
        Answer.Invalid([new FieldError("body", "email", FieldRule.Custom, Message: message, Code: RefusalCodes.AccountExists)]);
}
