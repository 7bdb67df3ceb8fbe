using System.Security.Cryptography;

namespace Switchboard.SocketIO.EngineIO;

/// <summary>URL-safe random ids (20 characters, like Node's base64id); they grant access to a session so they must be unguessable.</summary>
internal static class SessionIdGenerator
{
    public static string NewId()
    {
        Span<byte> bytes = stackalloc byte[15];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }
}
