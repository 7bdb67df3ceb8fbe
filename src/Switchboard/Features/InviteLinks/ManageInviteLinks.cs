using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email;
using Switchboard.Faces;
using Switchboard.Faces.Pipeback;
using Switchboard.Features.Invites;
using Switchboard.Tenancy;

namespace Switchboard.Features.InviteLinks;

/// <summary>
/// POST, GET and DELETE /app/invite-links: those with the invite right (the owner; admins, for agent links, when
/// admins_can_invite) create links {role?, seat, expires_in_days? (1–30, 7), max_uses? (1–1000, 10)}, list them
/// and revoke them. A link holds no seat: each join is counted against the plan when it happens.
/// </summary>
public static class ManageInviteLinks
{
    public sealed record Request(string Seat, string? Role, int? ExpiresInDays, int? MaxUses);

    public const int DefaultDays = 7;
    public const int DefaultUses = 10;
    public const int ListLimit = 200;
    public const string NotFoundMessage = "Invite link not found.";

    public static async Task<IResult> CreateAsync(HttpContext http, SwitchboardDb db, IDomainEvents events, TimeProvider time,
        PublicLinks links)
    {
        var caller = http.Caller();
        if (!caller.May(Permission.InviteMembers))
            return Answer.Refuse(Failure.Forbidden(InvitePermissions.MayNotInvite));
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var seat = input.Choice<Seat>("seat", input.String("seat", required: true, max: 16));
        var role = CreateInvite.ReadRole(input);
        var days = input.Int("expires_in_days", 1, InviteLink.MaxDays) ?? DefaultDays;
        var uses = input.Int("max_uses", 1, InviteLink.MaxUsesLimit) ?? DefaultUses;
        if (!input.IsValid) return Answer.Invalid(input.Errors);
        if (!caller.Member.MayManageRole(role))
            return Answer.Refuse(Failure.Forbidden(InvitePermissions.AdminsInviteAgentsOnly, RefusalCodes.AdminsAgentsOnly));

        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        if (work is null) return Answer.Refuse(Failure.NotFound("Workspace not found"));
        var now = time.Now();
        var secret = InviteLinkSecret.New();
        var link = new InviteLink
        {
            WorkspaceId = caller.WorkspaceId,
            SecretHash = InviteLinkSecret.Hash(secret),
            Role = role,
            Seat = seat!.Value,
            CreatedByUserId = caller.UserId,
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
            MaxUses = uses,
        };
        db.InviteLinks.Add(link);
        AuditLog.Record(db, now, caller.WorkspaceId, caller.UserId, "invite_link.created", "invite_link", link.Id,
            new { role = role.Wire(), seat = link.Seat.Wire(), max_uses = uses, expires_in_days = days });
        work.Raise(new InvitesChanged(caller.WorkspaceId));
        await work.CommitAsync();
        return Answer.Value(InviteLinkView.From(link, now, links.InviteLink(secret), secret), 201);
    }

    /// <summary>Newest first; the owner sees every link, an admin with the invite right agent links only.</summary>
    public static async Task<IResult> ListAsync(HttpContext http, SwitchboardDb db, TimeProvider time)
    {
        var caller = http.Caller();
        if (!caller.May(Permission.InviteMembers))
            return Answer.Refuse(Failure.Forbidden(InvitePermissions.NotAllowed));
        var query = db.InviteLinks.AsNoTracking().Where(l => l.WorkspaceId == caller.WorkspaceId);
        if (!caller.Member.IsOwner) query = query.Where(l => l.Role == Role.Agent);
        var found = await query.OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Id).Take(ListLimit).ToListAsync();
        var now = time.Now();
        return Answer.Value(found.Select(l => InviteLinkView.From(l, now)).ToList());
    }

    /// <summary>The link stops working at once; it stays listed as revoked. Revoking twice changes nothing.</summary>
    public static async Task<IResult> RevokeAsync(HttpContext http, string id, SwitchboardDb db, IDomainEvents events, TimeProvider time)
    {
        var caller = http.Caller();
        await using var work = await WorkspaceWork.BeginAsync(db, events, caller);
        if (work is null) return Answer.Refuse(Failure.NotFound(NotFoundMessage));
        // Found before permission is checked: another workspace's link looks exactly like no link.
        var link = Guid.TryParse(id, out var linkId)
            ? await db.InviteLinks.FirstOrDefaultAsync(l => l.Id == linkId && l.WorkspaceId == caller.WorkspaceId)
            : null;
        if (link is null) return Answer.Refuse(Failure.NotFound(NotFoundMessage));
        if (!caller.May(Permission.InviteMembers))
            return Answer.Refuse(Failure.Forbidden(InvitePermissions.NotAllowed));
        if (!caller.Member.MayManageRole(link.Role))
            return Answer.Refuse(Failure.Forbidden(InvitePermissions.AgentsOnly, RefusalCodes.AdminsAgentsOnly));
        if (link.RevokedAt is null)
        {
            var now = time.Now();
            link.RevokedAt = now;
            AuditLog.Record(db, now, caller.WorkspaceId, caller.UserId, "invite_link.revoked", "invite_link", link.Id,
                new { uses = link.Uses });
            work.Raise(new InvitesChanged(caller.WorkspaceId));
            await work.CommitAsync();
        }
        return Answer.Bare(new { });
    }
}
