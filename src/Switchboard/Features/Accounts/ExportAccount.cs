using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;

namespace Switchboard.Features.Accounts;

/// <summary>
/// GET /api/v1/auth/me/export: what Switchboard holds about the caller, as JSON — the profile, every membership, the
/// sessions (tokens by id and dates, never their secret or its hash), pending address changes (the new address, not
/// the link), and the audit rows they made or that are about them. Password hashes and link secrets never leave.
/// </summary>
public static class ExportAccount
{
    public sealed record Profile(Guid Id, string Email, string FullName, bool EmailVerified, string CreatedAt, string UpdatedAt);
    public sealed record MembershipRow(Guid Id, Guid BusinessId, string? BusinessName, string Role, string Seat, string Status,
        bool IsActive, string? SuspendedAt, string InvitedAt);
    public sealed record Session(long Id, string Name, string CreatedAt, string? LastUsedAt, bool Current);
    public sealed record PendingEmailChange(string NewEmail, string CreatedAt, string ExpiresAt);
    public sealed record AuditRow(long Id, Guid BusinessId, string Action, Guid? ActorId, string? TargetType, string? TargetId,
        System.Text.Json.JsonElement? Data, string CreatedAt);
    public sealed record Response(string ExportedAt, Profile Profile, IReadOnlyList<MembershipRow> Memberships,
        IReadOnlyList<Session> Sessions, IReadOnlyList<PendingEmailChange> EmailChanges, IReadOnlyList<AuditRow> Audit);

    /// <summary>Past this many audit rows the export keeps the newest: one request must not read an unbounded table.</summary>
    public const int MaxAuditRows = 5000;

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, TimeProvider time)
    {
        var userId = http.User.UserId();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId);
        if (user is null) return Answer.Refuse(Failure.Unauthenticated());
        var now = time.Now();
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId)
            .GroupJoin(db.Workspaces, m => m.WorkspaceId, w => w.Id, (m, w) => new { m, w })
            .SelectMany(x => x.w.DefaultIfEmpty(), (x, w) => new { x.m, Name = w == null ? null : w.Name })
            .ToListAsync();
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId)
            .Select(t => new { t.Id, t.Name, t.CreatedAt, t.LastUsedAt }).ToListAsync();
        var changes = await db.EmailChanges.AsNoTracking().Where(c => c.UserId == userId && c.UsedAt == null && c.ExpiresAt > now)
            .Select(c => new { c.NewEmail, c.CreatedAt, c.ExpiresAt }).ToListAsync();
        // About them: rows they made, and rows whose target is them or one of their memberships.
        var subject = memberships.Select(x => x.m.Id.ToString()).Append(userId.ToString()).ToList();
        var audit = await db.AuditEvents.AsNoTracking()
            .Where(a => a.ActorUserId == userId || (a.TargetId != null && subject.Contains(a.TargetId)))
            .OrderByDescending(a => a.Id).Take(MaxAuditRows).ToListAsync();
        var current = http.User.TokenId();

        return Answer.Value(new Response(
            PingBackFace.Timestamp(now),
            new Profile(user.Id, user.Email, user.Name, user.EmailVerifiedAt is not null,
                PingBackFace.Timestamp(user.CreatedAt), PingBackFace.Timestamp(user.UpdatedAt)),
            memberships.Select(x => new MembershipRow(x.m.Id, x.m.WorkspaceId, x.Name, x.m.Role.Wire(), x.m.Seat.Wire(),
                x.m.Status.Wire(), x.m.IsActive && !x.m.IsSuspended, Stamp(x.m.SuspendedAt), PingBackFace.Timestamp(x.m.InvitedAt))).ToList(),
            tokens.OrderBy(t => t.Id).Select(t => new Session(t.Id, t.Name, PingBackFace.Timestamp(t.CreatedAt), Stamp(t.LastUsedAt),
                t.Id == current)).ToList(),
            changes.Select(c => new PendingEmailChange(c.NewEmail, PingBackFace.Timestamp(c.CreatedAt), PingBackFace.Timestamp(c.ExpiresAt))).ToList(),
            audit.Select(a => new AuditRow(a.Id, a.WorkspaceId, a.Action, a.ActorUserId, a.TargetType, a.TargetId,
                a.Data is null ? null : System.Text.Json.JsonDocument.Parse(a.Data).RootElement, PingBackFace.Timestamp(a.CreatedAt))).ToList()));
    }

    private static string? Stamp(DateTime? at) => at is { } t ? PingBackFace.Timestamp(t) : null;
}
