using Switchboard.Domain;
using Switchboard.Faces.PingBack;

namespace Switchboard.Features.Accounts;

/// <summary>A user as PingBack shows one.</summary>
public sealed record UserView(Guid Id, string Email, string FullName, bool EmailVerified, string CreatedAt)
{
    public static UserView From(User user) =>
        new(user.Id, user.Email, user.Name, user.EmailVerifiedAt is not null, PingBackFace.Timestamp(user.CreatedAt));
}
