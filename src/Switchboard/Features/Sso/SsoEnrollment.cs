using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Features.Team;

namespace Switchboard.Features.Sso;

/// <summary>
/// The account and membership behind a checked sign-in, in one unit of work under the workspace lock, so a full plan
/// leaves nothing behind (no account, no link, no membership).
/// <list type="bullet">
/// <item>The account: the one this subject signed in as before; else, for an address in a domain the workspace verified,
/// the account holding it (the workspace answers for that domain) or a new one, confirmed when the provider says it
/// confirmed the address; for any other domain only a new account, unconfirmed — an existing account of someone else's
/// domain is never taken over by a provider.</item>
/// <item>The membership: enrolled with the mapped role and seat under the plan's limits; later sign-ins apply the
/// mapping again when the role claim is present (an empty claim gives the defaults; an absent one changes nothing).
/// The owner is never changed; a suspended member is refused.</item>
/// </list>
/// </summary>
public static class SsoEnrollment
{
    public static async Task<Result<Guid>> SignInAsync(SwitchboardDb db, IDomainEvents events, DateTime now, SsoProvider provider, SsoPerson person)
    {
        await using var work = await WorkspaceWork.BeginAsync(db, events, provider.WorkspaceId);
        if (work is null) return Failure.NotFound("Workspace not found");
        var workspace = work.Workspace;

        var identity = await db.SsoIdentities.FirstOrDefaultAsync(i =>
            i.WorkspaceId == workspace.Id && i.Issuer == provider.Issuer && i.Subject == person.Subject);
        User? user;
        if (identity is not null)
        {
            user = await db.Users.FirstOrDefaultAsync(u => u.Id == identity.UserId);
            if (user is null) return Failure.NotFound("The account this sign-in belonged to no longer exists");
            identity.LastSignInAt = now;
        }
        else
        {
            var domain = person.Domain;
            var verifiedDomain = domain is not null
                && await db.SsoDomains.AnyAsync(d => d.WorkspaceId == workspace.Id && d.Name == domain && d.VerifiedAt != null);
            var key = EmailAddress.Normalize(person.Email);
            user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == key);
            if (user is not null && !(verifiedDomain && person.EmailVerified))
                return Failure.Blocked($"An account with the address {person.Email} already exists. Single sign-on can take it over only for " +
                    $"a domain this workspace has verified, with the address confirmed by the provider. Sign in with that account's password instead.");
            if (user is null)
            {
                user = new User
                {
                    Email = person.Email,
                    NormalizedEmail = key,
                    Name = person.Name,
                    // No password: the provider signs this person in; a password can be chosen later through the reset link.
                    PasswordHash = "",
                    EmailVerifiedAt = verifiedDomain && person.EmailVerified ? now : null,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                db.Users.Add(user);
            }
            else if (user.EmailVerifiedAt is null)
            {
                user.EmailVerifiedAt = now;
                user.UpdatedAt = now;
            }
            db.SsoIdentities.Add(new SsoIdentity
            {
                WorkspaceId = workspace.Id,
                Issuer = provider.Issuer,
                Subject = person.Subject,
                UserId = user.Id,
                CreatedAt = now,
                LastSignInAt = now,
            });
        }

        var map = SsoSettingsApi.Map(provider);
        var member = await db.Memberships.FirstOrDefaultAsync(m => m.WorkspaceId == workspace.Id && m.UserId == user.Id);
        if (member is null)
        {
            var (role, seat) = provider.For(person.RoleValues ?? [], map);
            var enrolled = await MemberEnrollment.EnrollAsync(db, now, workspace, user.Id, role, seat, null, "sso");
            if (!enrolled.Succeeded)
                return enrolled.Failure.Kind == FailureKind.PlanLimit
                    ? Failure.PlanLimit($"{workspace.Name} has no free seat for you ({enrolled.Failure.Message}). Ask the workspace owner to free a seat or upgrade the plan; nothing was created.")
                    : enrolled.Failure;
            var added = enrolled.Value;
            work.Raise(new MemberJoined(workspace.Id, user.Id, added.Id, added.Role, added.Seat));
        }
        else if (member.IsSuspended)
        {
            return Failure.Forbidden($"Your access to {workspace.Name} is suspended. Ask the workspace owner.");
        }
        else if (!member.IsOwner && person.RoleValues is { } values)
        {
            var (role, seat) = provider.For(values, map);
            if (await ChangeMember.ApplyInWorkAsync(db, work, now, null, member, role, seat) is { } refused)
                return refused.Kind == FailureKind.PlanLimit
                    ? Failure.PlanLimit($"Your role from the provider needs a {seat.Wire()} seat and {workspace.Name} has none free ({refused.Message}). Ask the workspace owner.")
                    : refused;
        }
        AuditLog.Record(db, now, workspace.Id, user.Id, "sso.signed_in", "user", user.Id,
            new { issuer = provider.Issuer, subject = person.Subject, role_claim_present = person.RoleValues is not null });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // The same person's first sign-in twice at once (two tabs): the other one created the account.
            return Failure.Blocked("This sign-in raced another one for the same person. Start again from the sign-in page.");
        }
        await work.CommitAsync();
        return user.Id;
    }
}
