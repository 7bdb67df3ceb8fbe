namespace Switchboard.Domain;

/// <summary>Sanctum-style personal access token "&lt;id&gt;|&lt;secret&gt;"; only a hash of the secret is kept.</summary>
public sealed class ApiToken
{
    public long Id { get; init; }
    public Guid UserId { get; init; }
    public required string Name { get; init; }
    public required string SecretHash { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? LastUsedAt { get; set; }
}
