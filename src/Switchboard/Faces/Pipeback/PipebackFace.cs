using Switchboard.Domain;

namespace Switchboard.Faces.Pipeback;

/// <summary>Pipeback's wire conventions: Laravel's error bodies, {"data": …} envelopes and its two date formats.</summary>
public static class PipebackFace
{
    public const string Prefix = "/app";
    public const string WorkspaceHeader = "x-workspace-id";

    /// <summary>Invites carry Laravel's plain "Y-m-d H:i:s".</summary>
    public static string Timestamp(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss");

    /// <summary>Users carry Laravel's ISO 8601 with microseconds.</summary>
    public static string IsoTimestamp(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'");

    /// <summary>Laravel's {"message": "…"}, plus the stable <c>code</c> clients switch on (<see cref="RefusalCodes"/>).</summary>
    public static IResult Message(int status, string message, string code) => Results.Json(new { message, code }, statusCode: status);

    public static IResult Unauthenticated() => Message(401, "Unauthenticated.", RefusalCodes.Unauthenticated);

    public static IResult Error(Failure failure)
    {
        var code = RefusalCodes.Of(failure);
        return failure.Kind switch
        {
            FailureKind.NotFound => Message(404, failure.Message, code),
            FailureKind.Forbidden => Message(403, failure.Message, code),
            FailureKind.PlanLimit => Message(402, failure.Message, code),
            FailureKind.Unauthenticated => failure.Message.Length > 0 ? Message(401, failure.Message, code) : Unauthenticated(),
            FailureKind.RateLimited => Message(429, failure.Message, code),
            FailureKind.Gone => Message(410, failure.Message, code),
            FailureKind.Blocked => Message(409, failure.Message, code),
            FailureKind.SecondFactorRequired => Results.Json(new { message = failure.Message, two_factor_required = true, code }, statusCode: 401),
            FailureKind.SecondFactorSetupRequired => Results.Json(new { message = failure.Message, two_factor_setup_required = true, code }, statusCode: 403),
            // A field named: Laravel's 422, the failure's own code (if any) becoming the field's.
            _ when failure.Field is not null =>
                Validation([new FieldError("body", failure.Field, FieldRule.Custom, Message: failure.Message, Code: failure.Code)]),
            _ => Message(400, failure.Message, code),
        };
    }

    /// <summary>Laravel's 422: the first message (and how many more) plus every message per field.</summary>
    public static IResult Validation(IReadOnlyCollection<FieldError> errors)
    {
        var byField = new Dictionary<string, List<string>>();
        foreach (var error in errors)
        {
            var key = error.Field.Length == 0 ? "body" : error.Field;
            if (!byField.TryGetValue(key, out var list)) byField[key] = list = [];
            list.Add(Sentence(error));
        }
        var first = byField.First().Value[0];
        var more = byField.Sum(f => f.Value.Count) - 1;
        var message = more switch
        {
            0 => first,
            1 => $"{first} (and 1 more error)",
            _ => $"{first} (and {more} more errors)",
        };
        return Results.Json(new
        {
            message,
            errors = byField,
            code = RefusalCodes.ValidationFailed,
            field_codes = FieldCodes.By(errors, e => e.Field.Length == 0 ? "body" : e.Field),
        }, statusCode: 422);
    }

    private static string Sentence(FieldError error)
    {
        var name = error.Field.Length == 0 ? "request body" : error.Field.Replace('_', ' ');
        return error.Rule switch
        {
            FieldRule.Required => $"The {name} field is required.",
            FieldRule.Type => $"The {name} field must be {Article(error.Argument)}.",
            FieldRule.Email => $"The {name} field must be a valid email address.",
            FieldRule.MinLength => $"The {name} field must be at least {error.Argument} characters.",
            FieldRule.MaxLength => $"The {name} field must not be greater than {error.Argument} characters.",
            FieldRule.OneOf => $"The selected {name} is invalid.",
            FieldRule.Confirmed => $"The {name} field confirmation does not match.",
            FieldRule.Uuid => $"The {name} field must be a valid UUID.",
            _ when error.Message == "JSON decode error" => "The request body must be valid JSON.",
            _ when error.Message is { Length: > 0 } m && char.IsUpper(m[0]) => m,
            _ => $"The {name} field {error.Message}.",
        };
    }

    private static string Article(string? type) => type switch
    {
        "boolean" => "true or false",
        "integer" => "an integer",
        "object" => "a JSON object",
        "unicode" => "valid Unicode text",
        _ => "a string",
    };
}
