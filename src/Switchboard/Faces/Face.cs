using Switchboard.Domain;
using Switchboard.Faces.Pipeback;
using Switchboard.Faces.PingBack;

namespace Switchboard.Faces;

/// <summary>
/// The face of a request: its route group's <see cref="FaceMetadata"/>; for answers given before any route
/// matched (authentication, an unknown path, an exception handler), the path prefix.
/// </summary>
public static class Face
{
    public static FaceKind Of(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<FaceMetadata>()?.Kind
        ?? (context.Request.Path.StartsWithSegments(PipebackFace.Prefix) ? FaceKind.Pipeback : FaceKind.PingBack);

    public static bool IsPipeback(HttpContext context) => Of(context) == FaceKind.Pipeback;

    /// <summary>A resource as the face sends it: bare on PingBack, inside {"data": …} on Pipeback.</summary>
    public static object Envelope(HttpContext context, object resource) =>
        IsPipeback(context) ? new { data = resource } : resource;

    public static IResult Error(HttpContext context, Failure failure)
    {
        // Every 429 of either face passes here (the rate limiter's refusals too), so it is counted once, here.
        if (failure.Kind == FailureKind.RateLimited) Switchboard.Operations.Telemetry.RateLimitRefusals.Add(1);
        return IsPipeback(context) ? PipebackFace.Error(failure) : PingBackFace.Error(failure);
    }

    public static IResult Validation(HttpContext context, IReadOnlyCollection<FieldError> errors) =>
        IsPipeback(context) ? PipebackFace.Validation(errors) : PingBackFace.Validation(errors);

    public static IResult Unauthenticated(HttpContext context) =>
        IsPipeback(context) ? PipebackFace.Unauthenticated() : PingBackFace.Unauthenticated();
}
