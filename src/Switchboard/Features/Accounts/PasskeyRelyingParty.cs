using Fido2NetLib;

namespace Switchboard.Features.Accounts;

/// <summary>
/// The WebAuthn relying party, from configuration: <c>Passkeys:ServerDomain</c> (the RP id; default the host of
/// <c>PublicBaseUrl</c>) and <c>Passkeys:Origins</c> (the pages allowed to run the ceremonies; default
/// <c>PublicBaseUrl</c>). A passkey is bound to the RP id, so changing it orphans every passkey: set it once.
/// Browsers refuse an IP address as RP id, which is why local runs use <c>http://localhost</c>.
/// </summary>
public static class PasskeyRelyingParty
{
    public const string DefaultBaseUrl = "http://localhost:5080";

    public static Fido2Configuration Configuration(IConfiguration config)
    {
        var baseUrl = new Uri(config["PublicBaseUrl"] ?? DefaultBaseUrl);
        var section = config.GetSection("Passkeys");
        var origins = section.GetSection("Origins").Get<string[]>() is { Length: > 0 } listed
            ? listed
            : (section["Origins"] is { Length: > 0 } one ? one.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null);
        return new Fido2Configuration
        {
            RPID = section["ServerDomain"] is { Length: > 0 } domain ? domain : baseUrl.Host,
            RPName = "Switchboard",
            // An origin is scheme://host[:port] with no path or slash: that is what the browser writes in clientDataJSON.
            Origins = new HashSet<string>((origins ?? [baseUrl.GetLeftPart(UriPartial.Authority)]).Select(o => o.TrimEnd('/'))),
            TimestampDriftTolerance = 300_000,
        };
    }

    public static IServiceCollection AddPasskeys(this IServiceCollection services, IConfiguration config)
    {
        // Fido2 keeps no per-request state: one instance serves every request. No metadata service: attestation is
        // not asked for ("none"), since which vendor made a passkey is not something this service decides on.
        services.AddSingleton<IFido2>(_ => new Fido2(Configuration(config)));
        services.AddScoped<PasskeyChallenges>();
        return services;
    }
}
