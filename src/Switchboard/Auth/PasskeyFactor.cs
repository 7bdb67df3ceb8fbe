using Microsoft.EntityFrameworkCore;
using Switchboard.Data;

namespace Switchboard.Auth;

/// <summary>
/// Whether an account has a passkey. A passkey counts as a second factor: signing in with one proves possession of
/// the authenticator and its user verification (PIN or biometric), so the workspace 2FA policy's "has a second
/// factor" question should ask this besides the authenticator app.
/// </summary>
public static class PasskeyFactor
{
    public static Task<bool> HasAnyAsync(SwitchboardDb db, Guid userId, CancellationToken cancel = default) =>
        db.PasskeyCredentials.AnyAsync(p => p.UserId == userId, cancel);
}
