using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Domain;

namespace Switchboard.Features.Accounts;

/// <summary>
/// Where ceremony options wait for their answer: in the database (any node may get the answer), five minutes, one
/// use. Taking a challenge deletes its row with a conditional delete, so two answers racing with one challenge — on
/// one node or two — get it once; a failed answer spends it too, so each challenge is one try.
/// </summary>
public sealed class PasskeyChallenges(SwitchboardDb db, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public async Task KeepAsync(string challenge, Guid? userId, string purpose, string optionsJson)
    {
        var now = time.Now();
        // Old rows go on the way: expired ones, and for a registration the user's earlier unanswered one (the newest wins).
        await db.PasskeyChallenges.Where(c => c.ExpiresAt < now).ExecuteDeleteAsync();
        if (purpose == PasskeyChallenge.Register)
            await db.PasskeyChallenges.Where(c => c.UserId == userId && c.Purpose == purpose).ExecuteDeleteAsync();
        db.PasskeyChallenges.Add(new PasskeyChallenge { Id = challenge, UserId = userId, Purpose = purpose, OptionsJson = optionsJson, ExpiresAt = now + Lifetime });
        await db.SaveChangesAsync();
    }

    /// <summary>The user's pending registration options, spent by this call; null when none is pending or it expired.</summary>
    public async Task<PasskeyChallenge?> TakeRegistrationAsync(Guid userId)
    {
        var row = await db.PasskeyChallenges.AsNoTracking()
            .FirstOrDefaultAsync(c => c.UserId == userId && c.Purpose == PasskeyChallenge.Register);
        return row is null ? null : await SpendAsync(row);
    }

    /// <summary>The sign-in options whose challenge the browser signed, spent by this call; null when unknown, used or expired.</summary>
    public async Task<PasskeyChallenge?> TakeSignInAsync(byte[] clientDataJson)
    {
        if (ChallengeOf(clientDataJson) is not { } challenge) return null;
        var row = await db.PasskeyChallenges.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == challenge && c.Purpose == PasskeyChallenge.SignIn);
        return row is null ? null : await SpendAsync(row);
    }

    private async Task<PasskeyChallenge?> SpendAsync(PasskeyChallenge row)
    {
        if (await db.PasskeyChallenges.Where(c => c.Id == row.Id).ExecuteDeleteAsync() != 1) return null;
        return row.ExpiresAt > time.Now() ? row : null;
    }

    /// <summary>
    /// Only to find which options to check against: the challenge field of clientDataJSON. Fido2 then verifies the
    /// whole of it (type, challenge, origin) against those options.
    /// </summary>
    private static string? ChallengeOf(byte[] clientDataJson)
    {
        try
        {
            using var document = JsonDocument.Parse(clientDataJson);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                   document.RootElement.TryGetProperty("challenge", out var value) &&
                   value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 128 } text
                ? text
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
