using System.Text.Json;
using Fido2NetLib;
using Switchboard.Faces;

namespace Switchboard.Features.Accounts;

/// <summary>
/// Reads the browser's <c>PublicKeyCredential</c> (its <c>toJSON()</c> form) from a request body, either under
/// <c>credential</c> or as the body itself, into Fido2's raw response types. Anything that does not parse is a
/// field error (422), never an exception that becomes a 500.
/// </summary>
public static class PasskeyInput
{
    public static AuthenticatorAttestationRawResponse? Attestation(JsonElement body, Input input)
    {
        var parsed = Parse<AuthenticatorAttestationRawResponse>(body, input);
        if (parsed is not null && (parsed.RawId is not { Length: > 0 } || parsed.Response?.AttestationObject is not { Length: > 0 } ||
                                   parsed.Response.ClientDataJson is not { Length: > 0 }))
            return Bad<AuthenticatorAttestationRawResponse>(input);
        return parsed;
    }

    public static AuthenticatorAssertionRawResponse? Assertion(JsonElement body, Input input)
    {
        var parsed = Parse<AuthenticatorAssertionRawResponse>(body, input);
        if (parsed is not null && (parsed.RawId is not { Length: > 0 and <= 1023 } || parsed.Response?.AuthenticatorData is not { Length: > 0 } ||
                                   parsed.Response.Signature is not { Length: > 0 } || parsed.Response.ClientDataJson is not { Length: > 0 }))
            return Bad<AuthenticatorAssertionRawResponse>(input);
        return parsed;
    }

    private static T? Parse<T>(JsonElement body, Input input) where T : class
    {
        var element = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("credential", out var inner) ? inner : body;
        if (element.ValueKind != JsonValueKind.Object)
        {
            input.Fail("credential", FieldRule.Type, "object");
            return null;
        }
        try
        {
            return element.Deserialize<T>() ?? Bad<T>(input);
        }
        catch (Exception error) when (error is JsonException or FormatException or NotSupportedException or InvalidOperationException)
        {
            return Bad<T>(input);
        }
    }

    private static T? Bad<T>(Input input) where T : class
    {
        input.Fail("credential", FieldRule.Custom, message: "Not a passkey answer from the browser (PublicKeyCredential.toJSON()).");
        return null;
    }
}
