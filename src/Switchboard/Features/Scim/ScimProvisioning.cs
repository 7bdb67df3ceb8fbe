using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Features.Scim;

/// <summary>
/// Creating and changing a SCIM user inside the workspace's unit of work. What a provisioning token may do to an
/// account is narrow on purpose (docs/sso-scim.md): it may create an account for an address nobody holds (no
/// password, unconfirmed: the mailbox's owner sets a password through the reset link, which is what proves the
/// address), and it may link an account whose address its holder confirmed — as the PingBack invite adds a
/// confirmed account (or one another provisioning made that nobody has claimed). It never sets or reads a password, never signs anyone in, and never changes an account's
/// address or name; an account whose address is unconfirmed (possibly a squatter's) is refused, not linked.
/// </summary>
public static class ScimProvisioning
{
    public sealed record Created(ScimUser? User, ScimError? Error);

    public static async Task<Created> CreateAsync(SwitchboardDb db, WorkspaceWork work, DateTime now, Guid tokenId, ScimUserDocument doc)
    {
        var workspaceId = work.Workspace.Id;
        var key = ScimRequest.NormalizeUserName(doc.UserName!);
        if (await db.ScimUsers.AnyAsync(u => u.WorkspaceId == workspaceId && u.NormalizedUserName == key))
            return new(null, ScimError.Uniqueness($"A user with userName {doc.UserName} is already provisioned"));

        var address = (doc.Email ?? doc.UserName)!;
        var emailKey = EmailAddress.Normalize(address);
        var account = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == emailKey);
        if (account is null)
        {
            account = new User
            {
                Email = address,
                NormalizedEmail = emailKey,
                Name = NameOf(doc, address),
                // No password: Identity's hasher verifies nothing against an empty hash. The holder of the mailbox
                // chooses one through the password reset, which also confirms the address.
                PasswordHash = "",
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Users.Add(account);
        }
        else if (account.EmailVerifiedAt is null && account.PasswordHash.Length > 0)
        {
            // Unconfirmed with a password: someone registered it, perhaps not the mailbox's owner. (Unconfirmed without
            // one is an account another provisioning made, which nobody can sign into yet: safe to link.)
            return new(null, ScimError.Uniqueness(
                $"An account with the address {address} exists and has not confirmed it. Its holder confirms the address " +
                "(the link in their confirmation mail, or a password reset) before it can be provisioned."));
        }
        else if (await db.ScimUsers.AnyAsync(u => u.WorkspaceId == workspaceId && u.UserId == account.Id))
        {
            return new(null, ScimError.Uniqueness($"The account of {address} is already provisioned under another userName"));
        }

        var user = new ScimUser
        {
            WorkspaceId = workspaceId,
            UserId = account.Id,
            UserName = doc.UserName!,
            NormalizedUserName = key,
            ExternalId = doc.ExternalId,
            DisplayName = doc.DisplayName,
            GivenName = doc.GivenName,
            FamilyName = doc.FamilyName,
            Email = address,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.ScimUsers.Add(user);
        AuditLog.Record(db, now, workspaceId, null, "scim.user.created", "scim_user", user.Id,
            new { user_id = account.Id, user_name = user.UserName, external_id = user.ExternalId }, tokenId);
        // Nothing is saved unless this succeeds: a full plan leaves no account, no SCIM user, no membership behind.
        if (doc.Active ?? true)
            if (await ScimMembership.SetActiveAsync(db, work, now, tokenId, user, true) is { } refused) return new(null, refused);
        return new(user, null);
    }

    public static async Task<ScimError?> UpdateAsync(SwitchboardDb db, WorkspaceWork work, DateTime now, Guid tokenId,
        ScimUser user, ScimUserDocument doc, bool wasActive)
    {
        var key = ScimRequest.NormalizeUserName(doc.UserName!);
        if (key != user.NormalizedUserName
            && await db.ScimUsers.AnyAsync(u => u.WorkspaceId == user.WorkspaceId && u.NormalizedUserName == key && u.Id != user.Id))
            return ScimError.Uniqueness($"A user with userName {doc.UserName} is already provisioned");
        var changed = new List<string>();
        void Set<T>(string name, T before, T after, Action<T> write)
        {
            if (EqualityComparer<T>.Default.Equals(before, after)) return;
            write(after);
            changed.Add(name);
        }
        Set("userName", user.UserName, doc.UserName!, v => user.UserName = v);
        user.NormalizedUserName = key;
        Set("externalId", user.ExternalId, doc.ExternalId, v => user.ExternalId = v);
        Set("displayName", user.DisplayName, doc.DisplayName, v => user.DisplayName = v);
        Set("name.givenName", user.GivenName, doc.GivenName, v => user.GivenName = v);
        Set("name.familyName", user.FamilyName, doc.FamilyName, v => user.FamilyName = v);
        // Kept as the provider's view; the account's own address changes only through its holder's confirmed change.
        Set("emails", user.Email, doc.Email ?? doc.UserName!, v => user.Email = v);
        if (doc.Active is { } active && active != wasActive)
        {
            if (await ScimMembership.SetActiveAsync(db, work, now, tokenId, user, active) is { } refused) return refused;
            changed.Add("active");
        }
        if (changed.Count == 0) return null;
        user.Version++;
        user.UpdatedAt = now;
        AuditLog.Record(db, now, user.WorkspaceId, null, "scim.user.updated", "scim_user", user.Id,
            new { user_id = user.UserId, changed, active = doc.Active ?? wasActive }, tokenId);
        return null;
    }

    private static string NameOf(ScimUserDocument doc, string address)
    {
        var name = doc.DisplayName ?? string.Join(' ', new[] { doc.GivenName, doc.FamilyName }.Where(p => p is not null));
        if (string.IsNullOrWhiteSpace(name)) name = address.Split('@')[0];
        return name.Length > 255 ? name[..255] : name;
    }
}
