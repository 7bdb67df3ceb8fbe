using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Tenancy;

namespace Switchboard.Features.Invites;

/// <summary>
/// Only an account that proved its address may make the service mail strangers: registering costs nothing, so an
/// unconfirmed account is exactly what a spammer makes by the thousand. Single, bulk and resend ask this first.
/// </summary>
public static class InviterConfirmation
{
    public const string Unconfirmed = "Confirm your email address before inviting people.";

    /// <summary>Null when the caller's address is confirmed, else the 403 to answer.</summary>
    public static async Task<IResult?> RefusalAsync(InviteServices s, Caller caller) =>
        await s.Db.Users.AnyAsync(u => u.Id == caller.UserId && u.EmailVerifiedAt != null)
            ? null
            : Answer.Refuse(Failure.Forbidden(Unconfirmed, RefusalCodes.EmailUnconfirmed));
}
