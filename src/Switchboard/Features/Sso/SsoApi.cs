using Switchboard.Faces;
using Switchboard.Features.Accounts;
using Switchboard.Tenancy;

namespace Switchboard.Features.Sso;

/// <summary>Single sign-on's routes on the PingBack face (docs/sso-scim.md). The provider settings, the sign-in and verified domains.</summary>
public static class SsoApi
{
    public static IServiceCollection AddSso(this IServiceCollection services)
    {
        services.AddSingleton<DomainTxtLookup>();
        services.AddSingleton<IssuerPolicy>();
        services.AddSingleton<OidcProviders>();
        // Discovery, keys and the code exchange: no redirects followed (a provider answers these directly), a short wait.
        services.AddHttpClient(OidcProviders.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }

    public static FaceRoutes MapSsoApi(this FaceRoutes faces)
    {
        var settings = faces.PingBack.MapGroup("/team/sso").WithTags("Single sign-on").RequireCaller();
        settings.MapGet("", SsoSettingsApi.GetAsync)
            .Produces<SsoSettingsApi.View>()
            .WithSummary("The workspace's OpenID Connect provider, never its client secret, with every claimed domain (owner only; 404 when none)");
        settings.MapPut("", SsoSettingsApi.PutAsync).Refuses(400, 409, 422)
            .Accepts<SsoSettingsApi.Request>("application/json")
            .Produces<SsoSettingsApi.View>()
            .WithSummary("Set the OpenID Connect provider {issuer, client_id, client_secret, domains, enforce, default_role, default_seat, role_claim, role_map} (owner only)");
        settings.MapDelete("", SsoSettingsApi.DeleteAsync)
            .WithSummary("Remove the provider: members sign in with passwords again; claimed domains stay (owner only)");

        var auth = faces.PingBack.MapGroup("/auth/sso").WithTags("Single sign-on");
        // Each start writes a row and each callback calls the provider: limited per client address as password logins are.
        auth.MapGet("/start", SsoStart.HandleAsync).Refuses(404, 409, 429)
            .RequireRateLimiting(LoginThrottle.IpPolicy)
            .Produces(302)
            .WithSummary("Start a single sign-on: 302 to the workspace's provider, found by the address's verified domain (email) or by id (workspace)");
        auth.MapGet("/callback", SsoCallback.HandleAsync).Refuses(400, 401, 402, 403, 404, 409, 410, 429)
            .RequireRateLimiting(LoginThrottle.IpPolicy)
            .Produces(302)
            .WithSummary("Where the provider sends the browser back: checks the answer, signs in or enrolls, then 302 to the dashboard with a token");

        var domains = faces.PingBack.MapGroup("/team/sso/domains").WithTags("Single sign-on").RequireCaller();
        domains.MapGet("", SsoDomains.ListAsync)
            .Produces<SsoDomains.View[]>()
            .WithSummary("The workspace's claimed email domains with the TXT value each must publish (owner only)");
        domains.MapPost("", SsoDomains.AddAsync).Refuses(409, 422)
            .Produces<SsoDomains.View>(201)
            .WithSummary("Claim a domain {domain}; publish its txt_value at its txt_name, then verify (owner only)");
        domains.MapPost("/{domain}/verify", SsoDomains.VerifyAsync)
            .Produces<SsoDomains.View>()
            .WithSummary("Look the TXT record up; the domain then reads verified: true (400 with words when it is not there)");
        domains.MapDelete("/{domain}", SsoDomains.RemoveAsync)
            .WithSummary("Give a domain up (owner only)");
        return faces;
    }
}
