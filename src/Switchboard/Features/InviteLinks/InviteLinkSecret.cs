using System.Security.Cryptography;
using System.Text;

namespace Switchboard.Features.InviteLinks;

/// <summary>An invite link's secret: 256 random bits, URL-safe; only its SHA-256 is stored (docs/security.md).</summary>
public static class InviteLinkSecret
{
    public static string New() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
