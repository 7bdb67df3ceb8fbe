using Microsoft.OpenApi;

namespace Switchboard.Faces.OpenApi;

/// <summary>
/// The two faces' error bodies as schemas: FastAPI's {"detail": "…"} and its 422 {"detail": [{type, loc, msg}]},
/// Laravel's {"message": "…"} and its 422 {"message", "errors": {field: ["…"]}}. The sign-in and workspace
/// two-factor refusals add a flag (<c>two_factor_required</c>, <c>two_factor_setup_required</c>). Every refusal
/// also carries <c>code</c> (Domain/RefusalCodes), and a 422 <c>field_codes</c>; they are declared but not
/// required, as the seeds' clients never sent for them and a proxy's own refusal has none.
/// </summary>
public static class ErrorSchemas
{
    public const string PingBackError = "PingBackError";
    public const string PingBackValidationError = "PingBackValidationError";
    public const string PipebackError = "PipebackError";
    public const string PipebackValidationError = "PipebackValidationError";

    public static string For(FaceKind face, int status) => (face, status) switch
    {
        (FaceKind.PingBack, 422) => PingBackValidationError,
        (FaceKind.PingBack, _) => PingBackError,
        (FaceKind.Pipeback, 422) => PipebackValidationError,
        _ => PipebackError,
    };

    public static string Describe(int status) => status switch
    {
        400 => "Bad request: the request cannot be carried out as asked",
        401 => "Not authenticated (or a second factor is needed)",
        402 => "The plan's limit is reached",
        403 => "Not allowed for this caller",
        404 => "Not found (or not visible to this caller)",
        409 => "Blocked by the current state of things",
        410 => "Gone: a used or expired one-time link",
        422 => "Input at fault",
        429 => "Too many requests; see Retry-After",
        _ => "Refused",
    };

    public static void AddTo(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        var schemas = document.Components.Schemas;
        if (schemas.ContainsKey(PingBackError)) return;
        schemas[PingBackError] = Object(["detail"], ("detail", Text()), ("code", Code()),
            ("two_factor_required", Flag()), ("two_factor_setup_required", Flag()));
        schemas[PingBackValidationError] = Object(["detail"], ("code", Code()), ("field_codes", FieldCodes()), ("detail", new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Items = Object(["type", "loc", "msg"], ("type", Text()), ("msg", Text()), ("loc", new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Integer },
            })),
        }));
        schemas[PipebackError] = Object(["message"], ("message", Text()), ("code", Code()),
            ("two_factor_required", Flag()), ("two_factor_setup_required", Flag()));
        schemas[PipebackValidationError] = Object(["message", "errors"], ("message", Text()), ("code", Code()), ("field_codes", FieldCodes()),
            ("errors", new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text() },
            }));
    }

    private static OpenApiSchema Text() => new() { Type = JsonSchemaType.String };

    private static OpenApiSchema Code() => new()
    {
        Type = JsonSchemaType.String,
        Description = "A stable machine code for the refusal (snake_case; see \"Refusal codes\" in docs/api.md). Switch on it, never on the words.",
    };

    /// <summary>Per field (named as in <c>errors</c>, or the last part of <c>loc</c>), one code per error, in order.</summary>
    private static OpenApiSchema FieldCodes() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "Per field, the code of each of its errors in order (e.g. invalid_email, account_exists).",
        AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text() },
    };

    private static OpenApiSchema Flag() => new() { Type = JsonSchemaType.Boolean };

    private static OpenApiSchema Object(string[] required, params (string Name, IOpenApiSchema Schema)[] properties) => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string>(required),
        Properties = properties.ToDictionary(p => p.Name, p => p.Schema),
    };
}
