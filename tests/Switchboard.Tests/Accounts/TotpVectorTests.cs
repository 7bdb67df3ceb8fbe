using System.Text;
using OtpNet;
using Switchboard.Auth;

namespace Switchboard.Tests.Accounts;

/// <summary>
/// The code generator against RFC 6238's own test vectors (appendix B: SHA-1, the 20-byte ASCII key
/// "12345678901234567890", 8 digits, T0 = 0, X = 30 s): if these hold, every authenticator app agrees with us.
/// </summary>
public sealed class TotpVectorTests
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Rfc6238_appendix_B_sha1_vectors(long unixSeconds, string expected)
    {
        var step = TotpCodes.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));
        TotpCodes.Compute(Key, step, digits: 8, OtpHashMode.Sha1).ShouldBe(expected);
        // The 6-digit code the apps show is the same truncation, modulo 10^6.
        TotpCodes.Compute(Key, step).ShouldBe(expected[2..]);
    }

    [Fact]
    public void A_code_matches_within_one_step_either_side_and_not_beyond()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1111111111);
        var step = TotpCodes.StepAt(now);
        foreach (var offset in new[] { -1, 0, 1 })
            TotpCodes.MatchingStep(Key, TotpCodes.Compute(Key, step + offset), now).ShouldBe(step + offset);
        foreach (var offset in new[] { -2, 2 })
            TotpCodes.MatchingStep(Key, TotpCodes.Compute(Key, step + offset), now).ShouldBeNull();
        TotpCodes.MatchingStep(Key, "12345", now).ShouldBeNull();
        TotpCodes.MatchingStep(Key, "abcdef", now).ShouldBeNull();
    }

    [Fact]
    public void The_key_uri_names_the_issuer_and_account()
    {
        var uri = TotpCodes.KeyUri("Switchboard", "kate+x@example.com", "JBSWY3DPEHPK3PXP");
        uri.ShouldBe("otpauth://totp/Switchboard:kate%2Bx%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Switchboard&algorithm=SHA1&digits=6&period=30");
    }
}
