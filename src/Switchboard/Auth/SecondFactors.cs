using Microsoft.EntityFrameworkCore;
using Switchboard.Data;

namespace Switchboard.Auth;

/// <summary>
/// The one answer to "has this account a second factor?" — a confirmed authenticator app or a passkey (a passkey
/// sign-in proves possession and the authenticator's user verification). The caller check
/// (a workspace's two-factor policy), the owner's guard when turning it on and the members lists all ask here, so
/// a new kind of factor (passkeys) is added in this file alone: add its holders to <see cref="Holders"/>.
/// </summary>
public static class SecondFactors
{
    /// <summary>The ids of the users with a second factor, as a query the database runs (never loaded whole).</summary>
    public static IQueryable<Guid> Holders(SwitchboardDb db) =>
        db.TotpAuthenticators.AsNoTracking().Where(t => t.ConfirmedAt != null).Select(t => t.UserId)
            .Union(db.PasskeyCredentials.AsNoTracking().Select(p => p.UserId));

    public static Task<bool> HasAnyAsync(SwitchboardDb db, Guid userId) =>
        Holders(db).AnyAsync(id => id == userId);

    /// <summary>The holders among the members (any state) of one workspace: what its members list marks compliant.</summary>
    public static IQueryable<Guid> HoldersIn(SwitchboardDb db, Guid workspaceId) =>
        Holders(db).Where(id => db.Memberships.Any(m => m.WorkspaceId == workspaceId && m.UserId == id));
}
