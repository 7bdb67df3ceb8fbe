using Switchboard.Domain;
using Switchboard.Faces.Pipeback;

namespace Switchboard.Features.Invites;

/// <summary>The user in Pipeback's accept answer: Laravel's ISO 8601 timestamps with microseconds.</summary>
public sealed record AccountView(Guid Id, string Name, string Email, string? EmailVerifiedAt, string CreatedAt, string UpdatedAt)
{
    public static AccountView From(User u) => new(u.Id, u.Name, u.Email,
        u.EmailVerifiedAt is { } verified ? PipebackFace.IsoTimestamp(verified) : null,
        PipebackFace.IsoTimestamp(u.CreatedAt), PipebackFace.IsoTimestamp(u.UpdatedAt));
}
