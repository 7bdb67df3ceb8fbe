using Microsoft.EntityFrameworkCore;
using Switchboard.Data;

namespace Switchboard.Features.Accounts;

/// <summary>The workspaces whose members lists show an account (active or suspended memberships alike).</summary>
public static class AccountWorkspaces
{
    public static async Task<IReadOnlyList<Guid>> OfAsync(SwitchboardDb db, Guid userId) =>
        await db.Memberships.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.WorkspaceId).ToListAsync();
}
