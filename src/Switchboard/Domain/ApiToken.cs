namespace Switchboard.Domain;

/// <summary>Sanctum-style personal access token "&lt;id&gt;|&lt;secret&gt;"; only a hash of the secret is kept.</summary>
public sealed class ApiToken
{
    /// <summary>The longest user agent kept: enough to tell a browser and its system apart, no more.</summary>
    public const int UserAgentMaxLength = 255;

    public long Id { get; init; }
    public Guid UserId { get; init; }
    public required string Name { get; init; }
    public required string SecretHash { get; init; }
    public DateTime CreatedAt { get; init; }

    /// <summary>Moved forward at most once a minute (see <c>Auth/SessionActivity</c>), so reads stay reads.</summary>
    public DateTime? LastUsedAt { get; set; }

    /// <summary>The browser or client that signed in, as it named itself (null for tokens of earlier releases).</summary>
    public string? UserAgent { get; init; }

    /// <summary>The client address that signed in (after trusted proxies), null for tokens of earlier releases.</summary>
    public string? Ip { get; init; }
}
