using Switchboard.Domain;

namespace Switchboard.Faces;

/// <summary>
/// What a handler answers without knowing its face: a refusal is a <see cref="Failure"/> (or the fields at
/// fault), a value is the resource. The route's face (<see cref="FaceMetadata"/> of its group) turns them into
/// its own status and body — FastAPI's {"detail"} or Laravel's {"message"}/{"errors"}, a bare value or
/// {"data": value} — so no handler writes a status code for a refusal. These are the only ways a feature answers
/// (Architecture/LayerRulesTests holds every feature but SCIM, which speaks its own protocol, to them).
/// </summary>
public static class Answer
{
    public static IResult Refuse(Failure failure) => new Refusal(failure, null);

    public static IResult Invalid(IReadOnlyCollection<FieldError> errors) => new Refusal(null, errors);

    public static IResult Invalid(FieldError error) => new Refusal(null, [error]);

    /// <summary>A plain confirmation, {"message": …}, which both faces write alike.</summary>
    public static IResult Message(string message) => Results.Json(new { message });

    /// <summary>The resource itself: as is on PingBack, inside {"data": …} on Pipeback.</summary>
    public static IResult Value(object value, int status = StatusCodes.Status200OK) => new Resource(value, status);

    /// <summary>
    /// A body without the face's envelope, on purpose: what the Pipeback document shows bare (Laravel's
    /// <c>response()->json([])</c> after a delete, an invites page with its own <c>data</c>/<c>meta</c>, the accept's
    /// token). On PingBack it is the same as <see cref="Value"/>; handlers use this only where the seed says so.
    /// </summary>
    public static IResult Bare(object value, int status = StatusCodes.Status200OK) => Results.Json(value, statusCode: status);

    /// <summary>204: done, nothing to show (a deletion, a sign-out of other sessions).</summary>
    public static IResult NoContent() => Results.NoContent();

    /// <summary>JSON a library already wrote (the WebAuthn options, in the shape browsers' APIs read), sent as is.</summary>
    public static IResult Json(string json) => Results.Content(json, "application/json");

    /// <summary>
    /// A step of a browser flow (single sign-on): the browser arrived by navigation and goes on to a page, so the
    /// answer is a redirect, not a body.
    /// </summary>
    public static IResult Redirect(string url) => Results.Redirect(url);

    private sealed record Refusal(Failure? Failure, IReadOnlyCollection<FieldError>? Errors) : IResult
    {
        public Task ExecuteAsync(HttpContext http) =>
            (Failure is not null ? Face.Error(http, Failure) : Face.Validation(http, Errors!)).ExecuteAsync(http);
    }

    private sealed record Resource(object Value, int Status) : IResult
    {
        public Task ExecuteAsync(HttpContext http) => Results.Json(Face.Envelope(http, Value), statusCode: Status).ExecuteAsync(http);
    }
}
