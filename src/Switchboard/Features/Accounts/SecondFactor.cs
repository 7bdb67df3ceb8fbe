using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Features.Accounts;

/// <summary>
/// Checks the second factor of an account that has one: a code from its authenticator app or one of its recovery
/// codes, each good for one sign-in. Both are spent with a conditional update (compare-and-set in the database), so
/// two requests racing with the same code — on one node or two — let exactly one in.
/// </summary>
public sealed class SecondFactor(SwitchboardDb db, SecretProtection protection, TimeProvider time, ILogger<SecondFactor> log)
{
    public const string ThrottleKey = "second-factor";
    public const string Required = "Two-factor code required";
    public const string Wrong = "The two-factor code is not correct, or was already used. Enter the current code from your authenticator app, or a recovery code.";

    /// <summary>
    /// Wrong codes count by <see cref="LoginThrottle"/>'s rule (per email and client address; the per-email cap holds
    /// back only addresses that failed themselves), so a stranger cannot lock the owner out; stricter by default than
    /// passwords, because whoever gets here already knows the password.
    /// </summary>
    public static LoginThrottle Throttle(IConfiguration config, TimeProvider time)
    {
        var limits = new LoginLimits { FailuresBeforeBackoff = 5, BackoffSeconds = 60, EmailFailuresPerHour = 30 };
        config.GetSection("RateLimits:SecondFactor").Bind(limits);
        return new LoginThrottle(Options.Create(limits), time);
    }

    public Task<bool> IsOnAsync(Guid userId) =>
        db.TotpAuthenticators.AnyAsync(t => t.UserId == userId && t.ConfirmedAt != null);

    /// <summary>True when <paramref name="code"/> is a current authenticator code not used before, or an unused recovery code; spends it.</summary>
    public async Task<bool> TryUseAsync(Guid userId, string code)
    {
        var typed = code.Trim();
        if (typed.Length == TotpCodes.Digits && typed.All(char.IsAsciiDigit))
        {
            var authenticator = await db.TotpAuthenticators.AsNoTracking().FirstOrDefaultAsync(t => t.UserId == userId && t.ConfirmedAt != null);
            if (authenticator is null || SecretOf(authenticator) is not { } secret) return false;
            if (TotpCodes.MatchingStep(secret, typed, time.GetUtcNow()) is not { } step) return false;
            // Only a step newer than the last one used moves it: the same code (or an older one) never works twice.
            return await db.TotpAuthenticators
                .Where(t => t.UserId == userId && (t.LastUsedStep == null || t.LastUsedStep < step))
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedStep, step)) == 1;
        }
        if (RecoveryCodes.Normalize(typed) is not { } normalized) return false;
        var hash = RecoveryCodes.Hash(normalized);
        var now = time.Now();
        return await db.RecoveryCodes.Where(c => c.UserId == userId && c.CodeHash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.UsedAt, now)) == 1;
    }

    /// <summary>The raw secret, or null when this node's keys cannot read it (a key ring that was not shared or was lost).</summary>
    public byte[]? SecretOf(TotpAuthenticator authenticator)
    {
        try
        {
            return TotpCodes.FromBase32(protection.UnprotectTotpSecret(authenticator.ProtectedSecret));
        }
        catch (CryptographicException error)
        {
            // Recovery codes still work; the operator must restore DataProtection:KeysPath (docs/security.md).
            log.LogError(error, "The authenticator secret of user {UserId} cannot be unprotected: check DataProtection:KeysPath", authenticator.UserId);
            return null;
        }
    }
}
