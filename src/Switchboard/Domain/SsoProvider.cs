namespace Switchboard.Domain;

/// <summary>
/// A workspace's OpenID Connect provider (one at most): who issues its ID tokens, the client it registered there, and
/// how a claim of the token maps to a role and a seat. The client secret is stored protected (Data Protection), never
/// shown again.
/// </summary>
public sealed class SsoProvider
{
    public Guid WorkspaceId { get; init; }
    /// <summary>The issuer exactly as the provider's discovery document names it (https, or loopback http in tests).</summary>
    public required string Issuer { get; set; }
    public required string ClientId { get; set; }
    public required string ClientSecretProtected { get; set; }
    /// <summary>Members whose address is in a verified domain of the workspace sign in only through the provider.</summary>
    public bool Enforce { get; set; }
    public Role DefaultRole { get; set; } = Role.Agent;
    public Seat DefaultSeat { get; set; } = Seat.Full;
    /// <summary>The ID token claim holding the person's groups or roles ("groups", "roles"); null maps nothing.</summary>
    public string? RoleClaim { get; set; }
    /// <summary>The claim values' mapping as JSON: [{"value": "support-admins", "role": "admin", "seat": "full"}, …].</summary>
    public string RoleMap { get; set; } = "[]";
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }

    public sealed record Mapping(string Value, Role Role, Seat Seat);

    /// <summary>
    /// The role and seat for these claim values: the defaults when none is mapped; with several, the highest role and a
    /// full seat if any mapping gives one (as <see cref="ScimSettings.For"/> does for groups).
    /// </summary>
    public (Role Role, Seat Seat) For(IReadOnlyCollection<string> values, IReadOnlyList<Mapping> map)
    {
        var matched = map.Where(m => values.Contains(m.Value, StringComparer.Ordinal)).ToList();
        if (matched.Count == 0) return (DefaultRole, DefaultSeat);
        var role = matched.Any(m => m.Role == Role.Admin) ? Role.Admin : Role.Agent;
        var seat = matched.Any(m => m.Seat == Seat.Full) ? Seat.Full : Seat.Lite;
        return (role, seat);
    }
}
