namespace Switchboard.Domain;

/// <summary>
/// A workspace's <c>require_two_factor</c> setting: whose membership is usable there only with a second factor.
/// "off" by default, so every workspace made before the setting existed works as before.
/// </summary>
public enum TwoFactorPolicy { Off, Admins, Everyone }

public static class TwoFactorPolicies
{
    /// <summary>
    /// Whether the policy asks a member of this role for a second factor: "admins" covers the owner too (the one
    /// who can change the most), "everyone" every role, lite seats included.
    /// </summary>
    public static bool Covers(this TwoFactorPolicy policy, Role role) => policy switch
    {
        TwoFactorPolicy.Admins => role is Role.Owner or Role.Admin,
        TwoFactorPolicy.Everyone => true,
        _ => false,
    };

    /// <summary>The words both faces and the socket refusal use: they say what to do, not only what is wrong.</summary>
    public const string SetupRequired =
        "This workspace requires two-factor authentication. Set up a second factor in Account settings, then try again.";
}
