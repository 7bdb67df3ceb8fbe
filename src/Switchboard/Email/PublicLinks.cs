namespace Switchboard.Email;

/// <summary>Absolute links for mail, built on PublicBaseUrl (where people reach the dashboard).</summary>
public sealed class PublicLinks(IConfiguration config)
{
    private readonly string _base = (config["PublicBaseUrl"] ?? "http://localhost:5080").TrimEnd('/');

    public string Home => _base + "/";

    public string Invite(Guid inviteId) => $"{_base}/invite/{inviteId}";

    /// <summary>
    /// An invite link's page. The secret rides in the fragment, which browsers never send to a server, so it stays
    /// out of access logs and Referer headers; the page posts it to /app/invite-links/join.
    /// </summary>
    public string InviteLink(string secret) => $"{_base}/join#{Uri.EscapeDataString(secret)}";

    public string ResetPassword(string secret) => $"{_base}/reset-password?token={Uri.EscapeDataString(secret)}";

    /// <summary>The page that confirms an email change (the new mailbox's proof); it posts the token to /api/v1/auth/email/confirm.</summary>
    public string ConfirmEmailChange(string secret) => $"{_base}/confirm-email-change?token={Uri.EscapeDataString(secret)}";

    public string ForgotPassword => _base + "/forgot-password";

    public string VerifyEmail(string secret) => $"{_base}/verify-email?token={Uri.EscapeDataString(secret)}";
}
