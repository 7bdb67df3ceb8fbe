using System.Buffers.Text;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using Switchboard.Domain;

namespace Switchboard.Tests.Sso;

/// <summary>
/// A passkey held in memory: a P-256 key stored as a registered passkey is (COSE), which answers a sign-in challenge
/// with a signature the service's Fido2 verifies — user present and verified, origin and RP id of the test app
/// (<c>http://localhost:5080</c>). A real sign-in through the HTTP stack without a browser's authenticator.
/// </summary>
public sealed class SoftPasskey(Guid userId) : IDisposable
{
    private const string Origin = "http://localhost:5080";
    private const string RelyingParty = "localhost";
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private uint counter;

    public byte[] Id { get; } = RandomNumberGenerator.GetBytes(16);

    /// <summary>The row a registration ceremony would have stored.</summary>
    public PasskeyCredential Stored(DateTime now) => new() { UserId = userId, CredentialId = Id, PublicKey = CosePublicKey(), Name = "Soft key", CreatedAt = now };

    /// <summary>The browser's <c>PublicKeyCredential.toJSON()</c> for this challenge.</summary>
    public object Answer(string challenge)
    {
        var clientData = Encoding.UTF8.GetBytes($$"""{"type":"webauthn.get","challenge":"{{challenge}}","origin":"{{Origin}}","crossOrigin":false}""");
        var authData = new byte[37];
        SHA256.HashData(Encoding.UTF8.GetBytes(RelyingParty)).CopyTo(authData, 0);
        authData[32] = 0x05; // user present, user verified
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(authData.AsSpan(33), ++counter);
        var signature = key.SignData([.. authData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var id = B64(Id);
        return new
        {
            id, rawId = id, type = "public-key",
            response = new { authenticatorData = B64(authData), clientDataJSON = B64(clientData), signature = B64(signature), userHandle = B64(userId.ToByteArray()) },
            clientExtensionResults = new { },
        };
    }

    private byte[] CosePublicKey()
    {
        var point = key.ExportParameters(false).Q;
        var cbor = new CborWriter(CborConformanceMode.Ctap2Canonical);
        cbor.WriteStartMap(5);
        cbor.WriteInt32(1); cbor.WriteInt32(2);    // kty: EC2
        cbor.WriteInt32(3); cbor.WriteInt32(-7);   // alg: ES256
        cbor.WriteInt32(-1); cbor.WriteInt32(1);   // crv: P-256
        cbor.WriteInt32(-2); cbor.WriteByteString(point.X!);
        cbor.WriteInt32(-3); cbor.WriteByteString(point.Y!);
        cbor.WriteEndMap();
        return cbor.Encode();
    }

    private static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public void Dispose() => key.Dispose();
}
