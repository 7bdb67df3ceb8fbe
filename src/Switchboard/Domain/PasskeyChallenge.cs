namespace Switchboard.Domain;

/// <summary>
/// The options (and so the challenge) the service handed out for one WebAuthn ceremony. Kept in the database, not in
/// memory, so the answer may reach another node; deleted when used, whatever the outcome, so it works once.
/// </summary>
public sealed class PasskeyChallenge
{
    public const string Register = "register";
    public const string SignIn = "sign_in";

    /// <summary>The challenge itself, base64url as the browser echoes it in clientDataJSON.</summary>
    public required string Id { get; init; }

    /// <summary>Registration: the signed-in user. Sign-in: the account named by email, or null (any discoverable passkey).</summary>
    public Guid? UserId { get; init; }

    public required string Purpose { get; init; }

    /// <summary>The options as sent (Fido2's own JSON): the ceremony is checked against exactly these.</summary>
    public required string OptionsJson { get; init; }

    public DateTime ExpiresAt { get; init; }
}
