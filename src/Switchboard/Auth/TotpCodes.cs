using System.Security.Cryptography;
using System.Text;
using OtpNet;

namespace Switchboard.Auth;

/// <summary>
/// RFC 6238 codes as every authenticator app reads them: HMAC-SHA-1, 30-second steps, 6 digits (Otp.NET computes
/// them). "Now" is the injected <see cref="TimeProvider"/>, so tests move a fake clock instead of sleeping. A code
/// is looked for in the current step and one step either side — a phone's clock a little off, or a code typed as
/// it changed — and the matching step is returned so the caller can refuse it (and everything older) next time.
/// </summary>
public static class TotpCodes
{
    public const int StepSeconds = 30;
    public const int Digits = 6;

    /// <summary>Steps accepted on either side of the current one.</summary>
    public const int Skew = 1;

    /// <summary>160 bits, the length RFC 4226 recommends and what SHA-1's block expects.</summary>
    public static byte[] NewSecret() => KeyGeneration.GenerateRandomKey(20);

    public static string ToBase32(byte[] secret) => Base32Encoding.ToString(secret).TrimEnd('=');

    public static byte[] FromBase32(string secret) => Base32Encoding.ToBytes(secret);

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>The code of <paramref name="step"/> (SHA-1 unless said otherwise; 8 digits for RFC 6238's own vectors).</summary>
    public static string Compute(byte[] secret, long step, int digits = Digits, OtpHashMode mode = OtpHashMode.Sha1) =>
        new Totp(secret, StepSeconds, mode, digits).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * StepSeconds).UtcDateTime);

    /// <summary>The step within ±<see cref="Skew"/> of now whose code is <paramref name="code"/>, newest first; null if none.</summary>
    public static long? MatchingStep(byte[] secret, string code, DateTimeOffset now)
    {
        if (code.Length != Digits || !code.All(char.IsAsciiDigit)) return null;
        var given = Encoding.ASCII.GetBytes(code);
        var current = StepAt(now);
        long? found = null;
        // Every candidate is computed and compared in constant time, so timing tells nothing of which one matched.
        for (var step = current + Skew; step >= current - Skew; step--)
        {
            var expected = Encoding.ASCII.GetBytes(Compute(secret, step));
            if (CryptographicOperations.FixedTimeEquals(expected, given) && found is null) found = step;
        }
        return found;
    }

    /// <summary>otpauth://totp/Switchboard:&lt;email&gt;?… — what the QR code carries (Google's Key URI format).</summary>
    public static string KeyUri(string issuer, string account, string base32Secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}" +
        $"?secret={base32Secret}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={StepSeconds}";
}
