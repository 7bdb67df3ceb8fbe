using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Tenancy;

namespace Switchboard.Features.Sso;

/// <summary>
/// GET, POST /api/v1/team/sso/domains, POST …/{domain}/verify and DELETE …/{domain} (owner only): the email domains
/// a workspace claims for single sign-on. Each shows a TXT value to publish at <c>_switchboard-verification.&lt;domain&gt;</c>;
/// verify looks it up (<see cref="DomainTxtLookup"/>) and the domain then reads <c>verified: true</c>. A domain already
/// verified by another workspace cannot be verified again (409).
/// </summary>
public static class SsoDomains
{
    public sealed record View(string Domain, bool Verified, string? VerifiedAt, string TxtName, string TxtValue, string CreatedAt);

    public const int MaxDomains = 50;
    private const string OwnerOnly = "Only the org owner can manage single sign-on";
    private const string NotFound = "Domain not found";

    public static async Task<IResult> ListAsync(HttpContext http, SwitchboardDb db)
    {
        var caller = http.Caller();
        if (!caller.Member.IsOwner) return Answer.Refuse(Failure.OwnerOnly(OwnerOnly));
        var rows = await db.SsoDomains.AsNoTracking().Where(d => d.WorkspaceId == caller.WorkspaceId).OrderBy(d => d.Name).ToListAsync();
        return Answer.Value(rows.Select(ViewOf).ToList());
    }

    public static async Task<IResult> AddAsync(HttpContext http, SwitchboardDb db, TimeProvider time)
    {
        var caller = http.Caller();
        if (!caller.Member.IsOwner) return Answer.Refuse(Failure.OwnerOnly(OwnerOnly));
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var text = input.String("domain", required: true, max: 300);
        var name = DomainName.Canonical(text);
        if (text is not null && name is null) input.Fail("domain", FieldRule.Custom, message: "must be a domain name such as example.com");
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var existing = await db.SsoDomains.AsNoTracking().FirstOrDefaultAsync(d => d.WorkspaceId == caller.WorkspaceId && d.Name == name);
        if (existing is not null) return Answer.Value(ViewOf(existing));
        if (await db.SsoDomains.CountAsync(d => d.WorkspaceId == caller.WorkspaceId) >= MaxDomains)
            return Answer.Refuse(Failure.Invalid($"A workspace can claim at most {MaxDomains} domains", "domain"));
        var now = time.Now();
        var domain = new SsoDomain
        {
            WorkspaceId = caller.WorkspaceId,
            Name = name!,
            VerificationToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            CreatedAt = now,
        };
        await LockedRights.ConfirmAsync(db, caller);
        db.SsoDomains.Add(domain);
        AuditLog.Record(db, now, caller.WorkspaceId, caller.UserId, "sso.domain.added", "sso_domain", domain.Id, new { domain = domain.Name });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two adds of one domain at once: the unique index kept one.
            return Answer.Value(ViewOf(await db.SsoDomains.AsNoTracking().FirstAsync(d => d.WorkspaceId == caller.WorkspaceId && d.Name == name)));
        }
        return Answer.Value(ViewOf(domain), 201);
    }

    public static async Task<IResult> VerifyAsync(HttpContext http, SwitchboardDb db, TimeProvider time, DomainTxtLookup dns, string domain)
    {
        var caller = http.Caller();
        var name = DomainName.Canonical(domain);
        // Found before the right is checked: the same answer for every caller who may not see it.
        var row = name is null ? null : await db.SsoDomains.FirstOrDefaultAsync(d => d.WorkspaceId == caller.WorkspaceId && d.Name == name);
        if (row is null) return Answer.Refuse(Failure.NotFound(NotFound));
        if (!caller.Member.IsOwner) return Answer.Refuse(Failure.OwnerOnly(OwnerOnly));
        if (row.VerifiedAt is not null) return Answer.Value(ViewOf(row));

        var answer = await dns.TxtAsync(row.TxtName, http.RequestAborted);
        if (answer.Error is not null)
            return Answer.Refuse(Failure.Invalid($"The DNS lookup of {row.TxtName} failed ({answer.Error}). Try again in a few minutes."));
        if (!answer.Values.Any(v => v.Trim() == row.TxtValue))
            return Answer.Refuse(Failure.Invalid(answer.Values.Count == 0
                ? $"No TXT record found at {row.TxtName}. Publish \"{row.TxtValue}\" there and try again (DNS changes can take a while to show)."
                : $"The TXT records at {row.TxtName} do not include \"{row.TxtValue}\"."));
        if (await db.SsoDomains.AnyAsync(d => d.Name == row.Name && d.VerifiedAt != null && d.Id != row.Id))
            return Answer.Refuse(Failure.Blocked($"{row.Name} is already verified by another workspace"));
        await LockedRights.ConfirmAsync(db, caller);
        var now = time.Now();
        row.VerifiedAt = now;
        AuditLog.Record(db, now, caller.WorkspaceId, caller.UserId, "sso.domain.verified", "sso_domain", row.Id, new { domain = row.Name });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            return Answer.Refuse(Failure.Blocked($"{row.Name} is already verified by another workspace"));
        }
        return Answer.Value(ViewOf(row));
    }

    public static async Task<IResult> RemoveAsync(HttpContext http, SwitchboardDb db, TimeProvider time, string domain)
    {
        var caller = http.Caller();
        var name = DomainName.Canonical(domain);
        var row = name is null ? null : await db.SsoDomains.FirstOrDefaultAsync(d => d.WorkspaceId == caller.WorkspaceId && d.Name == name);
        if (row is null) return Answer.Refuse(Failure.NotFound(NotFound));
        if (!caller.Member.IsOwner) return Answer.Refuse(Failure.OwnerOnly(OwnerOnly));
        await LockedRights.ConfirmAsync(db, caller);
        db.SsoDomains.Remove(row);
        AuditLog.Record(db, time.Now(), caller.WorkspaceId, caller.UserId, "sso.domain.removed", "sso_domain", row.Id, new { domain = row.Name });
        await db.SaveChangesAsync();
        return Answer.Message("Domain removed");
    }

    internal static View ViewOf(SsoDomain d) => new(d.Name, d.VerifiedAt is not null,
        d.VerifiedAt is { } at ? PingBackFace.Timestamp(at) : null, d.TxtName, d.TxtValue, PingBackFace.Timestamp(d.CreatedAt));
}
