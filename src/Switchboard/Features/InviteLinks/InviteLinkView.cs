using Switchboard.Domain;
using Switchboard.Faces.Pipeback;

namespace Switchboard.Features.InviteLinks;

/// <summary>
/// An invite link as its managers see it. <see cref="Url"/> and <see cref="Token"/> are filled only in the
/// create answer: the secret is not stored, so it can never be shown again.
/// </summary>
public sealed record InviteLinkView(
    Guid Id, Guid WorkspaceId, string Role, string Seat, int MaxUses, int Uses, int UsesLeft, string Status,
    Guid CreatedBy, string CreatedAt, string ExpiresAt, string? RevokedAt, string? Url = null, string? Token = null)
{
    public static InviteLinkView From(InviteLink l, DateTime now, string? url = null, string? token = null) => new(
        l.Id, l.WorkspaceId, l.Role.Wire(), l.Seat.Wire(), l.MaxUses, l.Uses, l.UsesLeft, l.StatusAt(now), l.CreatedByUserId,
        PipebackFace.Timestamp(l.CreatedAt), PipebackFace.Timestamp(l.ExpiresAt),
        l.RevokedAt is { } revoked ? PipebackFace.Timestamp(revoked) : null, url, token);
}
