using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Sso;

/// <summary>Verified domains: a TXT value to publish, looked up in a real DNS server (dnsmasq) when the owner asks.</summary>
public abstract class VerifiedDomainTests(SwitchboardApp app, DnsServer dns)
{
    private static string NewDomain() => $"acme-{Guid.NewGuid():N}.example";

    [Fact]
    public async Task A_domain_is_verified_once_its_TXT_value_is_published_and_not_before()
    {
        var business = await app.CreateBusinessAsync();
        var name = NewDomain();
        var added = await business.Client.PostAsJsonAsync("/api/v1/team/sso/domains", new { domain = name.ToUpperInvariant() + "." })
            .ShouldAnswer(HttpStatusCode.Created);
        added["domain"]!.GetValue<string>().ShouldBe(name);
        added["verified"]!.GetValue<bool>().ShouldBeFalse();
        added["txt_name"]!.GetValue<string>().ShouldBe($"_switchboard-verification.{name}");
        var value = added["txt_value"]!.GetValue<string>();
        value.ShouldStartWith("switchboard-verification=");

        await dns.PublishAsync();
        (await business.Client.PostAsync($"/api/v1/team/sso/domains/{name}/verify", null).ShouldAnswer(HttpStatusCode.BadRequest))
            .Detail().ShouldContain("No TXT record found");
        await dns.PublishAsync(($"_switchboard-verification.{name}", "switchboard-verification=someone-elses"));
        (await business.Client.PostAsync($"/api/v1/team/sso/domains/{name}/verify", null).ShouldAnswer(HttpStatusCode.BadRequest))
            .Detail().ShouldContain("do not include");

        await dns.PublishAsync(($"_switchboard-verification.{name}", value));
        var verified = await business.Client.PostAsync($"/api/v1/team/sso/domains/{name}/verify", null).ShouldAnswer(HttpStatusCode.OK);

        verified["verified"]!.GetValue<bool>().ShouldBeTrue();
        var listed = await business.Client.GetAsync("/api/v1/team/sso/domains").ShouldAnswer(HttpStatusCode.OK);
        listed.AsArray().Single()!["verified_at"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_domain_verified_by_one_workspace_cannot_be_verified_by_another()
    {
        var first = await app.CreateBusinessAsync();
        var second = await app.CreateBusinessAsync();
        var name = NewDomain();
        var mine = (await first.Client.PostAsJsonAsync("/api/v1/team/sso/domains", new { domain = name }).ShouldAnswer(HttpStatusCode.Created))["txt_value"]!.GetValue<string>();
        var theirs = (await second.Client.PostAsJsonAsync("/api/v1/team/sso/domains", new { domain = name }).ShouldAnswer(HttpStatusCode.Created))["txt_value"]!.GetValue<string>();
        theirs.ShouldNotBe(mine);
        await dns.PublishAsync(($"_switchboard-verification.{name}", mine));
        await first.Client.PostAsync($"/api/v1/team/sso/domains/{name}/verify", null).ShouldAnswer(HttpStatusCode.OK);

        // The DNS now says the second workspace's value (the domain changed hands, or both published it).
        await dns.PublishAsync(($"_switchboard-verification.{name}", theirs));
        (await second.Client.PostAsync($"/api/v1/team/sso/domains/{name}/verify", null).ShouldAnswer(HttpStatusCode.Conflict))
            .Detail().ShouldContain("already verified by another workspace");
    }

    [Fact]
    public async Task Only_the_owner_manages_domains_and_bad_names_are_refused_with_words()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (admin, _) = await business.AddMemberAsync("admin");
        var name = NewDomain();
        await business.Client.PostAsJsonAsync("/api/v1/team/sso/domains", new { domain = name }).ShouldAnswer(HttpStatusCode.Created);
        var asAdmin = app.As(admin.Token, business.Id);

        await asAdmin.GetAsync("/api/v1/team/sso/domains").ShouldAnswer(HttpStatusCode.Forbidden);
        await asAdmin.PostAsJsonAsync("/api/v1/team/sso/domains", new { domain = NewDomain() }).ShouldAnswer(HttpStatusCode.Forbidden);
        await asAdmin.PostAsync($"/api/v1/team/sso/domains/{name}/verify", null).ShouldAnswer(HttpStatusCode.Forbidden);
        await asAdmin.DeleteAsync($"/api/v1/team/sso/domains/{name}").ShouldAnswer(HttpStatusCode.Forbidden);
        foreach (var bad in new[] { "localhost", "exa mple.com", "-a.com", "a..com", new string('a', 70) + ".com", "" })
            (await business.Client.PostAsJsonAsync("/api/v1/team/sso/domains", new { domain = bad }).ShouldAnswer(HttpStatusCode.UnprocessableEntity))
                .ToJsonString().ShouldContain("domain");
        await business.Client.PostAsJsonAsync("/api/v1/team/sso/domains", new JsonObject { ["domain"] = 5 }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await business.Client.PostAsync($"/api/v1/team/sso/domains/{NewDomain()}/verify", null).ShouldAnswer(HttpStatusCode.NotFound);
        await business.Client.PostAsync("/api/v1/team/sso/domains/not a domain/verify", null).ShouldAnswer(HttpStatusCode.NotFound);

        await business.Client.DeleteAsync($"/api/v1/team/sso/domains/{name}").ShouldAnswer(HttpStatusCode.OK);
        (await business.Client.GetAsync("/api/v1/team/sso/domains").ShouldAnswer(HttpStatusCode.OK)).AsArray().Count.ShouldBe(0);
    }

    [Fact]
    public async Task An_internationalised_domain_is_kept_in_its_ascii_form()
    {
        var business = await app.CreateBusinessAsync();
        var added = await business.Client.PostAsJsonAsync("/api/v1/team/sso/domains", new { domain = "Bücher-" + Guid.NewGuid().ToString("N")[..8] + ".example" })
            .ShouldAnswer(HttpStatusCode.Created);
        added["domain"]!.GetValue<string>().ShouldStartWith("xn--");
    }
}

public sealed class VerifiedDomainTestsOnSqlite(SqliteSsoApp app) : VerifiedDomainTests(app, app.Dns), IClassFixture<SqliteSsoApp>;

public sealed class VerifiedDomainTestsOnPostgres(PostgresSsoApp app) : VerifiedDomainTests(app, app.Dns), IClassFixture<PostgresSsoApp>;
