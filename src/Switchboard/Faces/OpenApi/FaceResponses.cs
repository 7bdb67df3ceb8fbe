using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Switchboard.Faces.Pipeback;

namespace Switchboard.Faces.OpenApi;

/// <summary>
/// What each operation of the document says beyond its handler's types, read from the route's metadata so no
/// handler repeats it: the bearer token where the route needs one, <c>x-workspace-id</c> where it acts in a
/// workspace, Pipeback's {"data": …} envelope, whole-number query parameters as integers, and every refusal
/// status with its face's error body.
/// </summary>
public sealed class FaceResponses : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var face = metadata.OfType<FaceMetadata>().LastOrDefault()?.Kind ?? FaceKind.PingBack;
        var document = context.Document!;
        ErrorSchemas.AddTo(document);

        if (RequiresToken(metadata))
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme.Name, document)] = [] });
        }
        if (metadata.OfType<WorkspaceScopedMetadata>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = PipebackFace.WorkspaceHeader,
                In = ParameterLocation.Header,
                Required = face == FaceKind.Pipeback,
                Description = face == FaceKind.Pipeback
                    ? "The workspace to act in (the caller must be an active member)."
                    : "The business to act in; needed only by a member of several.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
            });
        }
        TypeWholeNumbers(operation, context);
        if (face == FaceKind.Pipeback && !metadata.OfType<BareAnswerMetadata>().Any()) Envelope(operation);

        operation.Responses ??= [];
        foreach (var status in RefusalsOf(metadata, context.Description, face))
        {
            var key = status.ToString();
            operation.Responses[key] = new OpenApiResponse
            {
                Description = ErrorSchemas.Describe(status),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = new OpenApiSchemaReference(ErrorSchemas.For(face, status), document) },
                },
            };
        }
        return Task.CompletedTask;
    }

    /// <summary>A token is asked for unless the route (or its group) allows anyone.</summary>
    public static bool RequiresToken(IEnumerable<object> metadata) =>
        metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();

    /// <summary>
    /// The route's refusals: those it declares (<see cref="RefusalMetadata"/>) and those its conventions imply —
    /// 401 without a valid token, 400/403/404 of the workspace check, 429 of a rate limit, 422 for a body or query
    /// that fails its checks, and for a malformed id in the path 422 on PingBack (FastAPI's path validation) or 404 on
    /// Pipeback (Laravel's route binding).
    /// </summary>
    public static SortedSet<int> RefusalsOf(IEnumerable<object> metadata, Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description, FaceKind face)
    {
        var list = metadata.ToList();
        var statuses = new SortedSet<int>(list.OfType<RefusalMetadata>().SelectMany(r => r.Statuses));
        if (RequiresToken(list)) statuses.Add(401);
        if (list.OfType<WorkspaceScopedMetadata>().Any()) statuses.UnionWith([400, 403, 404]);
        if (list.OfType<EnableRateLimitingAttribute>().Any()) statuses.Add(429);
        var parameters = description.ParameterDescriptions;
        if (list.OfType<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>().Any()
            || parameters.Any(p => p.Source == BindingSource.Query || p.Source == BindingSource.Body))
            statuses.Add(422);
        if (parameters.Any(p => p.Source == BindingSource.Path)) statuses.Add(face == FaceKind.PingBack ? 422 : 404);
        return statuses;
    }

    private static void TypeWholeNumbers(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        foreach (var parameter in context.Description.ParameterDescriptions)
        {
            var info = (parameter.ParameterDescriptor as Microsoft.AspNetCore.Mvc.Infrastructure.IParameterInfoParameterDescriptor)?.ParameterInfo;
            if (info?.GetCustomAttributes(typeof(WholeNumberAttribute), true).Length is not > 0) continue;
            foreach (var documented in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                if (documented.Name == parameter.Name) documented.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" };
        }
    }

    /// <summary>Pipeback answers its resources inside {"data": …} (<see cref="Answer.Value"/>).</summary>
    private static void Envelope(OpenApiOperation operation)
    {
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (!status.StartsWith('2') || response.Content is null) continue;
            foreach (var media in response.Content.Values)
                if (media.Schema is { } resource)
                    media.Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "data" },
                        Properties = new Dictionary<string, IOpenApiSchema> { ["data"] = resource },
                    };
        }
    }
}
