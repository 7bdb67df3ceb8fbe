using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Features.Sso;

/// <summary>
/// With <c>enforce</c>, a member whose address is in a domain the workspace verified signs in only through its
/// provider. Owners keep their password — of any workspace, since the token is the account's — so a broken provider
/// cannot lock a workspace out.
/// </summary>
public static class SsoEnforcement
{
    /// <summary>The workspace's name when password sign-in is closed to this account; null when it is open.</summary>
    public static async Task<string?> PasswordClosedByAsync(SwitchboardDb db, User user)
    {
        var domain = DomainName.Canonical(user.NormalizedEmail[(user.NormalizedEmail.LastIndexOf('@') + 1)..]);
        if (domain is null) return null;
        if (await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.Role == Role.Owner)) return null;
        return await db.Memberships.Where(m => m.UserId == user.Id)
            .Join(db.SsoProviders.Where(p => p.Enforce), m => m.WorkspaceId, p => p.WorkspaceId, (m, p) => p.WorkspaceId)
            .Where(w => db.SsoDomains.Any(d => d.WorkspaceId == w && d.Name == domain && d.VerifiedAt != null))
            .Join(db.Workspaces, w => w, ws => ws.Id, (w, ws) => ws.Name)
            .FirstOrDefaultAsync();
    }

    public static string Words(string workspaceName, string email) =>
        $"{workspaceName} signs its members in through single sign-on: password sign-in is off for {email}. " +
        $"Use \"Sign in with SSO\" (GET /api/v1/auth/sso/start?email={Uri.EscapeDataString(email)}).";
}
