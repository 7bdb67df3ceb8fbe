using Switchboard.Domain;

namespace Switchboard.Faces.PingBack;

/// <summary>PingBack's wire conventions: FastAPI's error bodies and ISO 8601 UTC timestamps.</summary>
public static class PingBackFace
{
    public const string Prefix = "/api/v1";

    public static string Timestamp(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    /// <summary>FastAPI's {"detail": "…"}, plus the stable <c>code</c> clients switch on (<see cref="RefusalCodes"/>).</summary>
    public static IResult Detail(int status, string detail, string code) =>
        Results.Json(new { detail, code }, statusCode: status);

    public static IResult Error(Failure failure)
    {
        var code = RefusalCodes.Of(failure);
        return failure.Kind switch
        {
            FailureKind.NotFound => Detail(404, failure.Message, code),
            FailureKind.Forbidden => Detail(403, failure.Message, code),
            FailureKind.PlanLimit => Detail(402, failure.Message, code),
            FailureKind.Unauthenticated => failure.Message.Length > 0 ? Detail(401, failure.Message, code) : Unauthenticated(),
            FailureKind.RateLimited => Detail(429, failure.Message, code),
            FailureKind.Gone => Detail(410, failure.Message, code),
            FailureKind.Blocked => Detail(409, failure.Message, code),
            // Sign-in clients branch on the flag, not on the words: ask for the code, keep the password.
            FailureKind.SecondFactorRequired => Results.Json(new { detail = failure.Message, two_factor_required = true, code }, statusCode: 401),
            FailureKind.SecondFactorSetupRequired => Results.Json(new { detail = failure.Message, two_factor_setup_required = true, code }, statusCode: 403),
            _ => Detail(400, failure.Message, code),
        };
    }

    public static IResult Unauthenticated() => Detail(401, "Not authenticated", RefusalCodes.Unauthenticated);

    /// <summary>
    /// FastAPI's 422: one entry per input at fault, in pydantic v2's words; <c>field_codes</c> gives each entry's
    /// code under its field's name (the last part of its <c>loc</c>), in the same order.
    /// </summary>
    public static IResult Validation(IReadOnlyCollection<FieldError> errors) =>
        Results.Json(new
        {
            detail = errors.Select(Describe).ToArray(),
            code = RefusalCodes.ValidationFailed,
            field_codes = FieldCodes.By(errors, e => e.Field.Length == 0 ? e.Location : e.Field),
        }, statusCode: 422);


    private static object Describe(FieldError error)
    {
        object[] loc = error.Field.Length == 0 ? [error.Location] : [error.Location, error.Field];
        var (type, msg) = error.Rule switch
        {
            FieldRule.Required => error.Field.Length == 0 ? ("missing", "Field required") : ("missing", "Field required"),
            FieldRule.Type => Type(error.Argument),
            FieldRule.Email => ("value_error", "value is not a valid email address"),
            FieldRule.MinLength => ("string_too_short", $"String should have at least {error.Argument} characters"),
            FieldRule.MaxLength => ("string_too_long", $"String should have at most {error.Argument} characters"),
            FieldRule.OneOf => ("enum", $"Input should be {Quoted(error.Argument)}"),
            FieldRule.Confirmed => ("value_error", "Value error, passwords do not match"),
            FieldRule.Uuid => ("uuid_parsing", "Input should be a valid UUID"),
            _ => error.Message == "JSON decode error"
                ? ("json_invalid", "JSON decode error")
                : ("value_error", $"Value error, {error.Message}"),
        };
        return new { type, loc, msg };
    }

    private static (string, string) Type(string? expected) => expected switch
    {
        "boolean" => ("bool_type", "Input should be a valid boolean"),
        "integer" => ("int_type", "Input should be a valid integer"),
        "object" => ("model_attributes_type", "Input should be a valid dictionary or object to extract fields from"),
        "unicode" => ("string_unicode", "Input should be a valid string, unable to parse raw data as a unicode string"),
        _ => ("string_type", "Input should be a valid string"),
    };

    private static string Quoted(string? choices)
    {
        var names = (choices ?? "").Split(", ").Select(c => $"'{c}'").ToArray();
        return names.Length <= 1 ? string.Join("", names) : string.Join(", ", names[..^1]) + " or " + names[^1];
    }
}
