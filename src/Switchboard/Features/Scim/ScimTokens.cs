using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;
using Switchboard.Features.InviteLinks;
using Switchboard.Tenancy;

namespace Switchboard.Features.Scim;

/// <summary>
/// POST, GET /api/v1/team/scim/tokens and DELETE …/{id} (owner only): the bearer tokens an identity provider
/// provisions with. A token is 256 random bits with a recognisable prefix, shown once in the create answer and
/// stored only as its SHA-256 — the same rule as invite-link secrets (<see cref="InviteLinkSecret"/>). Revoking
/// works at once on every node: each SCIM request looks its token up (<see cref="ScimClient"/>).
/// </summary>
public static class ScimTokens
{
    public const string Prefix = "scim_";
    public const int ListLimit = 100;
    private const string OwnerOnly = "Only the org owner can manage SCIM provisioning";

    public sealed record Created(Guid Id, string Name, string Token, string BaseUrl, string CreatedAt);
    public sealed record Listed(Guid Id, string Name, Guid CreatedBy, string CreatedAt, string? LastUsedAt, string? RevokedAt);

    public static async Task<IResult> CreateAsync(HttpContext http, SwitchboardDb db, TimeProvider time, PublicLinks links)
    {
        var caller = http.Caller();
        if (!caller.Member.IsOwner) return Answer.Refuse(Failure.OwnerOnly(OwnerOnly));
        var name = "SCIM";
        if (http.Request.ContentLength is > 0 || http.Request.Headers.ContentType.Count > 0)
        {
            var (body, error) = await JsonBody.ReadAsync(http.Request);
            if (error is not null) return Answer.Invalid([error]);
            var input = new Input(body);
            name = input.String("name", max: ScimToken.NameMaxLength)?.Trim() is { Length: > 0 } given ? given : name;
            if (!input.IsValid) return Answer.Invalid(input.Errors);
        }
        var now = time.Now();
        var token = Prefix + InviteLinkSecret.New();
        var row = new ScimToken
        {
            WorkspaceId = caller.WorkspaceId,
            Name = name,
            SecretHash = InviteLinkSecret.Hash(token),
            CreatedByUserId = caller.UserId,
            CreatedAt = now,
        };
        await LockedRights.ConfirmAsync(db, caller);
        db.ScimTokens.Add(row);
        AuditLog.Record(db, now, caller.WorkspaceId, caller.UserId, "scim.token.created", "scim_token", row.Id, new { name });
        await db.SaveChangesAsync();
        return Answer.Value(new Created(row.Id, name, token, ScimRequest.BaseUrl(links), PingBackFace.Timestamp(now)), 201);
    }

    public static async Task<IResult> ListAsync(HttpContext http, SwitchboardDb db)
    {
        var caller = http.Caller();
        if (!caller.Member.IsOwner) return Answer.Refuse(Failure.OwnerOnly(OwnerOnly));
        var rows = await db.ScimTokens.AsNoTracking().Where(t => t.WorkspaceId == caller.WorkspaceId)
            .OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id).Take(ListLimit).ToListAsync();
        return Answer.Value(rows.Select(t => new Listed(t.Id, t.Name, t.CreatedByUserId, PingBackFace.Timestamp(t.CreatedAt),
            t.LastUsedAt is { } used ? PingBackFace.Timestamp(used) : null,
            t.RevokedAt is { } revoked ? PingBackFace.Timestamp(revoked) : null)).ToList());
    }

    public static async Task<IResult> RevokeAsync(HttpContext http, SwitchboardDb db, TimeProvider time, string id)
    {
        var caller = http.Caller();
        // Found before the right is checked: another workspace's token looks exactly like no token.
        var token = Guid.TryParse(id, out var tokenId)
            ? await db.ScimTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.WorkspaceId == caller.WorkspaceId)
            : null;
        if (token is null) return Answer.Refuse(Failure.NotFound("SCIM token not found"));
        if (!caller.Member.IsOwner) return Answer.Refuse(Failure.OwnerOnly(OwnerOnly));
        if (token.RevokedAt is null)
        {
            var now = time.Now();
            await LockedRights.ConfirmAsync(db, caller);
            token.RevokedAt = now;
            AuditLog.Record(db, now, caller.WorkspaceId, caller.UserId, "scim.token.revoked", "scim_token", token.Id, new { name = token.Name });
            await db.SaveChangesAsync();
        }
        return Answer.Message("SCIM token revoked");
    }
}
