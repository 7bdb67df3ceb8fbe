using System.Text.Json;
using Switchboard.Domain;

namespace Switchboard.Features.Sso;

/// <summary>
/// Who the checked ID token says signed in: subject, address (and whether the provider confirmed it), name, and the
/// values of the workspace's role claim — null when the claim is absent (nothing changes), empty when present and empty
/// (the mapping applies, which gives the defaults). Read from the token's payload, where the two differ.
/// </summary>
public sealed record SsoPerson(string Subject, string Email, bool EmailVerified, string Name, IReadOnlyList<string>? RoleValues, string? Refusal)
{
    public string? Domain => DomainName.Canonical(Email[(Email.LastIndexOf('@') + 1)..]);

    public static SsoPerson From(JsonElement payload, string? roleClaim)
    {
        string? Text(string name) => payload.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var subject = Text("sub") ?? "";
        var email = Text("email")?.Trim() ?? "";
        // Some providers write it as the string "true".
        var verified = payload.TryGetProperty("email_verified", out var ev)
            && (ev.ValueKind == JsonValueKind.True || (ev.ValueKind == JsonValueKind.String && ev.GetString() == "true"));
        var name = Text("name") ?? string.Join(' ', new[] { Text("given_name"), Text("family_name") }.Where(p => !string.IsNullOrWhiteSpace(p)));
        if (string.IsNullOrWhiteSpace(name)) name = email.Split('@')[0];
        if (name.Length > 255) name = name[..255];

        string? refusal = null;
        if (subject.Length is 0 or > 255) refusal = "The ID token has no usable subject (sub)";
        else if (email.Length is 0 or > 320 || !EmailAddress.IsWellFormed(email) || EmailAddress.HasLookAlikes(email))
            refusal = "The provider did not send a usable email address: allow the email scope (or claim) for this application";
        return new SsoPerson(subject, email, verified, name, RoleValuesOf(payload, roleClaim), refusal);
    }

    private static List<string>? RoleValuesOf(JsonElement payload, string? claim)
    {
        if (string.IsNullOrEmpty(claim) || !payload.TryGetProperty(claim, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } one ? [one] : [],
            JsonValueKind.Array => [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)],
            JsonValueKind.Null => [],
            _ => [],
        };
    }
}
