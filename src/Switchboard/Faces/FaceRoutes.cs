using Switchboard.Faces.Pipeback;
using Switchboard.Faces.PingBack;

namespace Switchboard.Faces;

/// <summary>The two wire conventions a route can speak.</summary>
public enum FaceKind { PingBack, Pipeback }

/// <summary>Endpoint metadata naming the face of a route; set once, on each face's route group.</summary>
public sealed record FaceMetadata(FaceKind Kind);

/// <summary>
/// The two faces as route groups: every PingBack route is mapped under <see cref="PingBack"/> (`/api/v1`),
/// every Pipeback route under <see cref="Pipeback"/> (`/app`). The group says which face a route speaks, so
/// handlers never ask: <see cref="Answer"/> results and refusals are written in the group's conventions.
/// </summary>
public sealed record FaceRoutes(RouteGroupBuilder PingBack, RouteGroupBuilder Pipeback)
{
    public static FaceRoutes Map(IEndpointRouteBuilder app) => new(
        app.MapGroup(PingBackFace.Prefix).WithMetadata(new FaceMetadata(FaceKind.PingBack)),
        app.MapGroup(PipebackFace.Prefix).WithMetadata(new FaceMetadata(FaceKind.Pipeback)));
}
