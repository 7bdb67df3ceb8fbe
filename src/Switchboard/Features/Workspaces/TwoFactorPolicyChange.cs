using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Features.Workspaces;

/// <summary>
/// What turning a workspace's two-factor policy on asks first and sets off after. Requests of non-compliant members
/// are refused by the caller check (<see cref="Tenancy.CallerResolver"/>) as soon as the settings change voids the
/// cached callers; their live sockets need closing here, since a socket is checked only when it connects.
/// </summary>
public static class TwoFactorPolicyChange
{
    public const string OwnerFirst =
        "Set up a second factor for your own account in Account settings before requiring one: otherwise this setting would lock you out of your workspace.";

    /// <summary>The owner is covered by every policy but "off": without a factor of their own, turning it on would lock them out.</summary>
    public static async Task<Failure?> OwnerRefusalAsync(SwitchboardDb db, Guid ownerUserId) =>
        await SecondFactors.HasAnyAsync(db, ownerUserId) ? null : Failure.Blocked(OwnerFirst);

    /// <summary>After the commit: the active members the policy now covers who have no second factor lose their sockets there.</summary>
    public static async Task EnforceAsync(SwitchboardDb db, IDomainEvents events, Workspace workspace)
    {
        var policy = workspace.RequireTwoFactor;
        if (policy == TwoFactorPolicy.Off) return;
        var holders = SecondFactors.HoldersIn(db, workspace.Id);
        var covered = await db.Memberships.AsNoTracking()
            .Where(m => m.WorkspaceId == workspace.Id && m.IsActive && !holders.Contains(m.UserId))
            .Select(m => new { m.UserId, m.Role })
            .ToListAsync();
        var lacking = covered.Where(m => policy.Covers(m.Role)).Select(m => m.UserId).ToList();
        if (lacking.Count > 0) await events.PublishAsync(new SecondFactorEnforced(workspace.Id, lacking));
    }

    /// <summary>
    /// After an account's factor was confirmed or removed: its cached callers and members lists are stale, and on
    /// removal its sockets close in every workspace whose policy covers it.
    /// </summary>
    public static async Task AccountChangedAsync(SwitchboardDb db, IDomainEvents events, Guid userId, bool removed)
    {
        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Join(db.Workspaces.AsNoTracking(), m => m.WorkspaceId, w => w.Id, (m, w) => new { w.Id, m.Role, w.RequireTwoFactor })
            .ToListAsync();
        await events.PublishAsync(new SecondFactorChanged(userId, memberships.Select(m => m.Id).ToList()));
        if (!removed || await SecondFactors.HasAnyAsync(db, userId)) return;
        // Suspended memberships have no sockets to close; the event for them is harmless.
        foreach (var m in memberships.Where(m => m.RequireTwoFactor.Covers(m.Role)))
            await events.PublishAsync(new SecondFactorEnforced(m.Id, [userId]));
    }
}
