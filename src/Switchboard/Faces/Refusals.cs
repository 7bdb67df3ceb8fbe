namespace Switchboard.Faces;

/// <summary>
/// Refusal statuses a route declares beyond those its conventions already imply (see
/// <see cref="OpenApi.FaceResponses"/>): the OpenAPI document lists each one with its face's error body.
/// Several of these on a route (its group's and its own) add up.
/// </summary>
public sealed record RefusalMetadata(IReadOnlyList<int> Statuses);

/// <summary>
/// A route acting inside one workspace the caller belongs to (Tenancy's <c>RequireCaller</c> sets it): it reads
/// <c>x-workspace-id</c> (required on Pipeback) and may refuse 400 (no or an ambiguous workspace), 403 (the
/// workspace's two-factor policy) and 404 (not a member).
/// </summary>
public sealed record WorkspaceScopedMetadata;

/// <summary>A Pipeback route whose resource is written bare, not inside Laravel's {"data": …} (the invite accept).</summary>
public sealed record BareAnswerMetadata;

/// <summary>
/// A query parameter bound as text (so a bad value is the face's 422 rather than a binding error) that holds a
/// whole number: the OpenAPI document types it as an integer.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
public sealed class WholeNumberAttribute : Attribute;

public static class RefusalExtensions
{
    /// <summary>The route may also refuse with these statuses (in its face's error shape).</summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RefusalMetadata(statuses));

    /// <summary>A Pipeback route that answers its resource bare (see <see cref="BareAnswerMetadata"/>).</summary>
    public static TBuilder AnswersBare<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BareAnswerMetadata());
}
