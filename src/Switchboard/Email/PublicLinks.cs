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

    /// <summary>Where the OpenID provider sends people back (the redirect URI each workspace registers with it).</summary>
    public string SsoCallback => _base + "/api/v1/auth/sso/callback";

    /// <summary>The sign-in page showing why a single sign-on was refused (the words in the fragment, out of logs).</summary>
    public string SsoRefused(string words) => $"{_base}/login#sso_error={Uri.EscapeDataString(words)}";

    /// <summary>A workspace's sign-in link, to bookmark or put in the provider's app launcher.</summary>
    public string SsoStart(Guid workspaceId) => $"{_base}/api/v1/auth/sso/start?workspace={workspaceId}";

    /// <summary>
    /// The dashboard after a single sign-on: the token rides in the fragment (never sent to a server, kept out of logs
    /// and Referer headers); the dashboard moves it to its storage and out of the address bar at once.
    /// </summary>
    public string SsoLanding(string token, Guid workspaceId) =>
        $"{_base}/conversations#sso_token={Uri.EscapeDataString(token)}&workspace={workspaceId}";
}
