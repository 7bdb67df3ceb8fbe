using Switchboard.Domain;
using Switchboard.Faces.Pipeback;
using Switchboard.Faces.PingBack;

namespace Switchboard.Faces;

/// <summary>Picks the wire face of a request by its path, for the places that answer before any endpoint runs.</summary>
public static class Face
{
    public static bool IsPipeback(HttpContext context) =>
        context.Request.Path.StartsWithSegments(PipebackFace.Prefix);

    public static IResult Error(HttpContext context, Failure failure) =>
        IsPipeback(context) ? PipebackFace.Error(failure) : PingBackFace.Error(failure);

    public static IResult Validation(HttpContext context, IReadOnlyCollection<FieldError> errors) =>
        IsPipeback(context) ? PipebackFace.Validation(errors) : PingBackFace.Validation(errors);

    public static IResult Unauthenticated(HttpContext context) =>
        IsPipeback(context) ? PipebackFace.Unauthenticated() : PingBackFace.Unauthenticated();
}
