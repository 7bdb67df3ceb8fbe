namespace Switchboard.Faces.OpenApi;

/// <summary>The OpenAPI document (<c>/openapi/v1.json</c>) as a client generator reads it: see docs/architecture.md.</summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddSwitchboardOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.CreateSchemaReferenceId = SchemaNames.For;
            o.AddDocumentTransformer<BearerScheme>();
            o.AddOperationTransformer<FaceResponses>();
        });
}
