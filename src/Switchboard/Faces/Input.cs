using System.Text.Json;

namespace Switchboard.Faces;

/// <summary>
/// Reads and checks client input field by field, collecting every error instead of stopping at the first,
/// so both faces can answer a 422 that lists them all.
/// </summary>
public sealed class Input(JsonElement body, string location = "body")
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Errors => _errors;
    public bool IsValid => _errors.Count == 0;

    public static Input Empty(string location = "query") => new(default, location);

    public void Add(FieldError error) => _errors.Add(error);

    public void Fail(string field, FieldRule rule, string? argument = null, string? message = null) =>
        _errors.Add(new FieldError(location, field, rule, argument, message));

    public string? String(string field, bool required = false, int max = 255, int min = 0)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(field, out var value) ||
            value.ValueKind == JsonValueKind.Null)
        {
            if (required) Fail(field, FieldRule.Required);
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(field, FieldRule.Type, "string");
            return null;
        }
        return Check(field, value.GetString()!, required, max, min);
    }

    /// <summary>Checks a value that came from the query string or a header rather than the body.</summary>
    public string? Check(string field, string? text, bool required = false, int max = 255, int min = 0)
    {
        if (string.IsNullOrEmpty(text))
        {
            if (required) Fail(field, FieldRule.Required);
            return text is null ? null : required ? null : text;
        }
        if (text.Length > max) { Fail(field, FieldRule.MaxLength, max.ToString()); return null; }
        if (text.Length < min) { Fail(field, FieldRule.MinLength, min.ToString()); return null; }
        if (text.Contains('\0')) { Fail(field, FieldRule.Custom, message: "must not contain NUL characters"); return null; }
        return text;
    }

    public bool? Bool(string field, bool required = false)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(field, out var value) ||
            value.ValueKind == JsonValueKind.Null)
        {
            if (required) Fail(field, FieldRule.Required);
            return null;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        Fail(field, FieldRule.Type, "boolean");
        return null;
    }

    public int? Int(string field, int min, int max, bool required = false)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(field, out var value) ||
            value.ValueKind == JsonValueKind.Null)
        {
            if (required) Fail(field, FieldRule.Required);
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Fail(field, FieldRule.Type, "integer");
            return null;
        }
        if (number < min || number > max)
        {
            Fail(field, FieldRule.Custom, message: $"must be between {min} and {max}");
            return null;
        }
        return number;
    }

    public string? Email(string field, bool required = true) => CheckEmail(field, String(field, required, max: 254));

    public const string LookAlikeMessage =
        "The email address contains characters that look like others (such as a Kelvin sign or a full-width letter); type it with plain characters.";

    public string? CheckEmail(string field, string? text)
    {
        if (text is null) return null;
        if (Domain.EmailAddress.HasLookAlikes(text))
        {
            Fail(field, FieldRule.Custom, message: LookAlikeMessage);
            return null;
        }
        if (!IsEmail(text)) { Fail(field, FieldRule.Email); return null; }
        return text;
    }

    public T? Choice<T>(string field, string? text, bool required = false) where T : struct, Enum
    {
        if (text is null)
        {
            if (required) Fail(field, FieldRule.Required);
            return null;
        }
        if (Domain.WireNames.TryParseWire<T>(text, out var value)) return value;
        Fail(field, FieldRule.OneOf, Domain.WireNames.Choices<T>());
        return null;
    }

    public Guid? Uuid(string field, string? text, bool required = true)
    {
        if (text is null)
        {
            if (required) Fail(field, FieldRule.Required);
            return null;
        }
        if (Guid.TryParse(text, out var id)) return id;
        Fail(field, FieldRule.Uuid);
        return null;
    }

    /// <summary>The address rule lives in <see cref="Domain.EmailAddress"/>; this is its input-checking face.</summary>
    public static bool IsEmail(string text) => Domain.EmailAddress.IsWellFormed(text);
}
