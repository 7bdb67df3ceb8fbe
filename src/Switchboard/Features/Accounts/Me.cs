using Switchboard.Faces;
using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces.PingBack;

namespace Switchboard.Features.Accounts;

public static class Me
{
    public sealed record Business(Guid Id, string Name, string Handle, string Role, string Seat);
    /// <summary>A workspace where the caller's membership is suspended: named, so the dashboard can say where.</summary>
    public sealed record Suspension(Guid Id, string Name);

    /// <param name="SuspendedIn">
    /// The workspaces that suspended the caller (not in <paramref name="Businesses"/>, which are the usable ones): the
    /// dashboard tells a suspended agent where they are suspended instead of offering to create a workspace.
    /// </param>
    public sealed record Response(Guid Id, string Email, string FullName, bool EmailVerified, string CreatedAt, IReadOnlyList<Business> Businesses,
        bool TwoFactorEnabled, IReadOnlyList<Suspension> SuspendedIn);

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db)
    {
        var userId = http.User.UserId();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId);
        if (user is null) return Answer.Refuse(Failure.Unauthenticated());
        var businesses = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.IsActive)
            .Join(db.Workspaces, m => m.WorkspaceId, w => w.Id, (m, w) => new { w.Id, w.Name, w.Handle, m.Role, m.Seat })
            .ToListAsync();
        var suspended = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && !m.IsActive && m.SuspendedAt != null)
            .Join(db.Workspaces, m => m.WorkspaceId, w => w.Id, (m, w) => new Suspension(w.Id, w.Name))
            .ToListAsync();
        var view = UserView.From(user);
        return Answer.Value(new Response(view.Id, view.Email, view.FullName, view.EmailVerified, view.CreatedAt,
            businesses.Select(b => new Business(b.Id, b.Name, b.Handle, b.Role.Wire(), b.Seat.Wire())).ToList(),
            await db.TotpAuthenticators.AnyAsync(t => t.UserId == userId && t.ConfirmedAt != null), suspended));
    }
}
