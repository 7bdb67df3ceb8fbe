using Switchboard.Domain;

namespace Switchboard.Faces;

public enum FieldRule { Required, Type, Email, MinLength, MaxLength, OneOf, Confirmed, Uuid, Custom }

/// <summary>
/// One input at fault, described by the rule it broke rather than by a sentence,
/// because FastAPI and Laravel word the same rule differently. <see cref="Code"/> names a reason a client must tell
/// apart from the rule's own code (e.g. <see cref="RefusalCodes.AccountExists"/> for a custom rule).
/// </summary>
public sealed record FieldError(string Location, string Field, FieldRule Rule, string? Argument = null, string? Message = null, string? Code = null)
{
    /// <summary>The per-field code both faces send in a 422's <c>field_codes</c>: its own, else its rule's.</summary>
    public string WireCode => Code ?? Rule switch
    {
        FieldRule.Required => RefusalCodes.Required,
        FieldRule.Type => RefusalCodes.WrongType,
        FieldRule.Email => RefusalCodes.InvalidEmail,
        FieldRule.MinLength => RefusalCodes.TooShort,
        FieldRule.MaxLength => RefusalCodes.TooLong,
        FieldRule.OneOf => RefusalCodes.NotAChoice,
        FieldRule.Confirmed => RefusalCodes.ConfirmationMismatch,
        FieldRule.Uuid => RefusalCodes.InvalidUuid,
        _ when Message == "JSON decode error" => RefusalCodes.InvalidJson,
        _ => RefusalCodes.Invalid,
    };
}

public static class FieldCodes
{
    /// <summary>Each field's codes in the order of its errors, keyed as the face keys the field (both faces).</summary>
    public static Dictionary<string, List<string>> By(IEnumerable<FieldError> errors, Func<FieldError, string> key)
    {
        var codes = new Dictionary<string, List<string>>();
        foreach (var error in errors)
        {
            if (!codes.TryGetValue(key(error), out var list)) codes[key(error)] = list = [];
            list.Add(error.WireCode);
        }
        return codes;
    }
}
