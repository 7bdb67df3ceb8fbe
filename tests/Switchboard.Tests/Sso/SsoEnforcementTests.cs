using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Sso;

/// <summary>
/// <c>enforce</c>: members whose address is in a domain the workspace verified cannot sign in with a password (403 with
/// words pointing to single sign-on); the owner keeps the password; other domains, unverified domains and a provider
/// without <c>enforce</c> change nothing.
/// </summary>
public abstract class SsoEnforcementTests(SwitchboardApp app, DnsServer dns)
{
    [Fact]
    public async Task Enforce_closes_the_password_to_members_of_a_verified_domain_and_never_to_the_owner()
    {
        var domain = $"acme-{Guid.NewGuid():N}.example";
        var owner = await app.RegisterAsync(email: $"olivia@{domain}", name: "Olivia Owner");
        var business = await app.CreateBusinessAsync(owner, plan: "pro");
        var inDomain = await app.RegisterAsync(email: $"pat@{domain}");
        var outside = await app.RegisterAsync();
        foreach (var member in new[] { inDomain, outside })
            await business.Client.PostAsync($"/api/v1/team/invite?email={Uri.EscapeDataString(member.Email)}&role=agent", null)
                .ShouldAnswer(HttpStatusCode.OK);
        var saved = await business.Client.PutAsJsonAsync("/api/v1/team/sso", new
        {
            issuer = "https://login.acme.example/", client_id = "switchboard", client_secret = "s3cret", domains = new[] { domain }, enforce = true,
        }).ShouldAnswer(HttpStatusCode.OK);
        var anonymous = app.Anonymous();
        Task<HttpResponseMessage> Login(Account who) =>
            anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = who.Email, password = "correct-horse" });

        // Not verified yet: the provider cannot vouch for the domain, so the password stays open.
        await Login(inDomain).ShouldAnswer(HttpStatusCode.OK);

        await dns.PublishAsync(($"_switchboard-verification.{domain}", saved["domains"]![0]!["txt_value"]!.GetValue<string>()));
        await business.Client.PostAsync($"/api/v1/team/sso/domains/{domain}/verify", null).ShouldAnswer(HttpStatusCode.OK);

        var refused = await Login(inDomain).ShouldAnswer(HttpStatusCode.Forbidden);
        refused.Detail().ShouldContain("single sign-on");
        refused.Detail().ShouldContain("/api/v1/auth/sso/start");
        await Login(owner).ShouldAnswer(HttpStatusCode.OK);
        await Login(outside).ShouldAnswer(HttpStatusCode.OK);
        // A wrong password still says only that.
        (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = inDomain.Email, password = "wrong-horse" })
            .ShouldAnswer(HttpStatusCode.Unauthorized)).Detail().ShouldNotContain("single sign-on");

        await business.Client.PutAsJsonAsync("/api/v1/team/sso", new { issuer = "https://login.acme.example/", client_id = "switchboard", enforce = false })
            .ShouldAnswer(HttpStatusCode.OK);
        await Login(inDomain).ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Enforce_closes_passkey_sign_in_as_it_closes_the_password_and_never_to_the_owner()
    {
        var domain = $"acme-{Guid.NewGuid():N}.example";
        var owner = await app.RegisterAsync(email: $"olivia@{domain}", name: "Olivia Owner");
        var business = await app.CreateBusinessAsync(owner, plan: "pro");
        var inDomain = await app.RegisterAsync(email: $"pat@{domain}");
        var outside = await app.RegisterAsync();
        foreach (var member in new[] { inDomain, outside })
            await business.Client.PostAsync($"/api/v1/team/invite?email={Uri.EscapeDataString(member.Email)}&role=agent", null)
                .ShouldAnswer(HttpStatusCode.OK);
        var passkeys = new[] { owner, inDomain, outside }.ToDictionary(a => a.UserId, a => new SoftPasskey(a.UserId));
        await app.WithDbAsync(db =>
        {
            foreach (var passkey in passkeys.Values) db.PasskeyCredentials.Add(passkey.Stored(app.Now));
            return db.SaveChangesAsync();
        });
        var anonymous = app.Anonymous();
        async Task<HttpResponseMessage> SignIn(Account who)
        {
            var options = await anonymous.PostAsJsonAsync("/api/v1/auth/passkeys/login/options", new { email = who.Email }).ShouldAnswer(HttpStatusCode.OK);
            return await anonymous.PostAsJsonAsync("/api/v1/auth/passkeys/login", new { credential = passkeys[who.UserId].Answer(options.Text("challenge")) });
        }

        var saved = await business.Client.PutAsJsonAsync("/api/v1/team/sso", new
        {
            issuer = "https://login.acme.example/", client_id = "switchboard", client_secret = "s3cret", domains = new[] { domain }, enforce = true,
        }).ShouldAnswer(HttpStatusCode.OK);
        // Not verified yet: the passkey stays open, as the password does (the soft passkey is a real sign-in: a token).
        (await SignIn(inDomain).ShouldAnswer(HttpStatusCode.OK)).Text("access_token").ShouldNotBeNullOrEmpty();

        await dns.PublishAsync(($"_switchboard-verification.{domain}", saved["domains"]![0]!["txt_value"]!.GetValue<string>()));
        await business.Client.PostAsync($"/api/v1/team/sso/domains/{domain}/verify", null).ShouldAnswer(HttpStatusCode.OK);

        var refused = await SignIn(inDomain).ShouldAnswer(HttpStatusCode.Forbidden);
        var password = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = inDomain.Email, password = "correct-horse" })
            .ShouldAnswer(HttpStatusCode.Forbidden);
        refused.Detail().ShouldBe(password.Detail());
        refused.Detail().ShouldContain("single sign-on");
        await SignIn(owner).ShouldAnswer(HttpStatusCode.OK);
        await SignIn(outside).ShouldAnswer(HttpStatusCode.OK);

        await business.Client.PutAsJsonAsync("/api/v1/team/sso", new { issuer = "https://login.acme.example/", client_id = "switchboard", enforce = false })
            .ShouldAnswer(HttpStatusCode.OK);
        await SignIn(inDomain).ShouldAnswer(HttpStatusCode.OK);
        foreach (var passkey in passkeys.Values) passkey.Dispose();
    }
}

public sealed class SsoEnforcementTestsOnSqlite(SqliteSsoApp app) : SsoEnforcementTests(app, app.Dns), IClassFixture<SqliteSsoApp>;

public sealed class SsoEnforcementTestsOnPostgres(PostgresSsoApp app) : SsoEnforcementTests(app, app.Dns), IClassFixture<PostgresSsoApp>;
