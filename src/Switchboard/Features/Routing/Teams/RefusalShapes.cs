using Switchboard.Faces;

namespace Switchboard.Features.Routing.Teams;

/// <summary>
/// The PingBack refusal bodies, declared on the routing routes so the OpenAPI document shows them: FastAPI's
/// {"detail": "…"} for 400/403/404/409, and its 422 list of {type, loc, msg} (Faces/PingBack/PingBackFace writes both),
/// each with the stable <c>code</c> of Domain/RefusalCodes (and a 422 with <c>field_codes</c>).
/// </summary>
public static class RefusalShapes
{
    public sealed record DetailBody(string Detail, string? Code = null);

    /// <summary>A plain confirmation, {"message": "…"} (Answer.Message).</summary>
    public sealed record MessageBody(string Message);

    public sealed record FieldProblem(string Type, IReadOnlyList<string> Loc, string Msg);

    public sealed record ValidationBody(IReadOnlyList<FieldProblem> Detail, string? Code = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? FieldCodes = null);

    /// <summary>403, 404 and 422, plus any other statuses the route may answer, in the face's own refusal bodies.</summary>
    public static RouteHandlerBuilder Refusals(this RouteHandlerBuilder route, params int[] more) =>
        route.Refuses([StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity, .. more]);
}
