namespace Switchboard.Email;

/// <summary>Absolute links for mail, built on PublicBaseUrl (where people reach the dashboard).</summary>
public sealed class PublicLinks(IConfiguration config)
{
    private readonly string _base = (config["PublicBaseUrl"] ?? "http://localhost:5080").TrimEnd('/');

    public string Home => _base + "/";

    public string Invite(Guid inviteId) => $"{_base}/invite/{inviteId}";

    public string VerifyEmail(string secret) => $"{_base}/verify-email?token={Uri.EscapeDataString(secret)}";
}
