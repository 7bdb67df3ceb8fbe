using Switchboard.Faces;
using Switchboard.Tenancy;

namespace Switchboard.Features.Sso;

/// <summary>Single sign-on's routes on the PingBack face (docs/sso-scim.md). Today: verified domains.</summary>
public static class SsoApi
{
    public static IServiceCollection AddSso(this IServiceCollection services)
    {
        services.AddSingleton<DomainTxtLookup>();
        return services;
    }

    public static FaceRoutes MapSsoApi(this FaceRoutes faces)
    {
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
