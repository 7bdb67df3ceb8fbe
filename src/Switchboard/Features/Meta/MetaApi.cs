using Switchboard.Faces;

namespace Switchboard.Features.Meta;

public static class MetaApi
{
    public static FaceRoutes MapMetaApi(this FaceRoutes faces)
    {
        faces.PingBack.MapGet("/meta", ServiceMeta.Get).AllowAnonymous()
            .Produces<ServiceMeta.View>()
            .WithTags("Meta")
            .WithSummary("What this service offers: its version and the features it maps (anonymous; nothing about the caller)");
        return faces;
    }
}
