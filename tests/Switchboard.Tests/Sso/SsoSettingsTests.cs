using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Sso;

/// <summary>
/// PUT, GET and DELETE /api/v1/team/sso: the owner's provider settings — the secret never shown, bad input a 422 per
/// field, other members refused, each workspace seeing only its own. The sign-in itself is tested against a real
/// provider in tests/e2e/sso.
/// </summary>
public abstract class SsoSettingsTests(SwitchboardApp app)
{
    private static string NewDomain() => $"acme-{Guid.NewGuid():N}.example";

    private static object Settings(string? domain = null) => new
    {
        issuer = "https://login.acme.example/",
        client_id = "switchboard",
        client_secret = "s3cret-value",
        domains = domain is null ? Array.Empty<string>() : [domain],
        enforce = false,
        default_role = "agent",
        default_seat = "lite",
        role_claim = "groups",
        role_map = new[] { new { value = "support-admins", role = "admin", seat = "full" } },
    };

    [Fact]
    public async Task The_owner_sets_reads_and_removes_the_provider_and_the_secret_is_never_shown()
    {
        var business = await app.CreateBusinessAsync();
        await business.Client.GetAsync("/api/v1/team/sso").ShouldAnswer(HttpStatusCode.NotFound);
        var domain = NewDomain();
        var saved = await business.Client.PutAsJsonAsync("/api/v1/team/sso", Settings(domain)).ShouldAnswer(HttpStatusCode.OK);
        saved.ToJsonString().ShouldNotContain("s3cret-value");
        saved["client_secret_set"]!.GetValue<bool>().ShouldBeTrue();
        saved["default_seat"]!.GetValue<string>().ShouldBe("lite");
        saved["role_map"]![0]!["role"]!.GetValue<string>().ShouldBe("admin");
        var claimed = saved["domains"]!.AsArray().Single()!;
        claimed["domain"]!.GetValue<string>().ShouldBe(domain);
        claimed["verified"]!.GetValue<bool>().ShouldBeFalse();
        saved["redirect_uri"]!.GetValue<string>().ShouldEndWith("/api/v1/auth/sso/callback");
        saved["sign_in_url"]!.GetValue<string>().ShouldContain($"workspace={business.Id}");

        // A later PUT without the secret keeps it; the domain claimed through PUT is the one POST …/domains lists.
        var kept = await business.Client.PutAsJsonAsync("/api/v1/team/sso", new { issuer = "https://login.acme.example/", client_id = "other", enforce = true })
            .ShouldAnswer(HttpStatusCode.OK);
        kept["client_secret_set"]!.GetValue<bool>().ShouldBeTrue();
        kept["client_id"]!.GetValue<string>().ShouldBe("other");
        kept["enforce"]!.GetValue<bool>().ShouldBeTrue();
        kept["default_seat"]!.GetValue<string>().ShouldBe("lite");
        (await business.Client.GetAsync("/api/v1/team/sso/domains").ShouldAnswer(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
        (await business.Client.GetAsync("/api/v1/team/sso").ShouldAnswer(HttpStatusCode.OK)).ToJsonString().ShouldNotContain("s3cret-value");

        await business.Client.DeleteAsync("/api/v1/team/sso").ShouldAnswer(HttpStatusCode.OK);
        await business.Client.GetAsync("/api/v1/team/sso").ShouldAnswer(HttpStatusCode.NotFound);
        await business.Client.DeleteAsync("/api/v1/team/sso").ShouldAnswer(HttpStatusCode.NotFound);
        (await business.Client.GetAsync("/api/v1/team/sso/domains").ShouldAnswer(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Bad_settings_are_422s_that_name_the_field()
    {
        var business = await app.CreateBusinessAsync();
        async Task Refused(JsonObject body, string field)
        {
            var answer = await business.Client.PutAsJsonAsync("/api/v1/team/sso", body).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
            answer.ToJsonString().ShouldContain(field);
        }
        JsonObject Good() => JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Settings()))!.AsObject();

        await Refused(new JsonObject { ["client_id"] = "x", ["client_secret"] = "y" }, "issuer");
        foreach (var issuer in new[] { "not a url", "ftp://login.example", "http://login.example.com", "https://127.0.0.1/", "https://localhost:8443/", "https://login.example/?x=1" })
        {
            var body = Good();
            body["issuer"] = issuer;
            await Refused(body, "issuer");
        }
        var noSecret = Good();
        noSecret.Remove("client_secret");
        await Refused(noSecret, "client_secret");
        var owner = Good();
        owner["default_role"] = "owner";
        await Refused(owner, "default_role");
        var seat = Good();
        seat["default_seat"] = "golden";
        await Refused(seat, "default_seat");
        var map = Good();
        map["role_map"] = new JsonArray(new JsonObject { ["value"] = "x", ["role"] = "owner" });
        await Refused(map, "role_map");
        var domains = Good();
        domains["domains"] = new JsonArray("exa mple.com");
        await Refused(domains, "domains");
        var enforce = Good();
        enforce["enforce"] = "yes";
        await Refused(enforce, "enforce");
        (await business.Client.PutAsync("/api/v1/team/sso", new StringContent("{", System.Text.Encoding.UTF8, "application/json"))).StatusCode
            .ShouldBe(HttpStatusCode.UnprocessableEntity);
        await business.Client.GetAsync("/api/v1/team/sso").ShouldAnswer(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_the_owner_manages_single_sign_on_and_each_workspace_sees_its_own()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        await business.Client.PutAsJsonAsync("/api/v1/team/sso", Settings()).ShouldAnswer(HttpStatusCode.OK);
        var (admin, _) = await business.AddMemberAsync("admin");
        var asAdmin = app.As(admin.Token, business.Id);
        (await asAdmin.GetAsync("/api/v1/team/sso").ShouldAnswer(HttpStatusCode.Forbidden)).Detail().ShouldContain("owner");
        await asAdmin.PutAsJsonAsync("/api/v1/team/sso", Settings()).ShouldAnswer(HttpStatusCode.Forbidden);
        await asAdmin.DeleteAsync("/api/v1/team/sso").ShouldAnswer(HttpStatusCode.Forbidden);

        var other = await app.CreateBusinessAsync();
        await other.Client.GetAsync("/api/v1/team/sso").ShouldAnswer(HttpStatusCode.NotFound);
        await other.Client.DeleteAsync("/api/v1/team/sso").ShouldAnswer(HttpStatusCode.NotFound);
        // The owner of another workspace naming this one is not its member.
        await app.As(other.Owner.Token, business.Id).GetAsync("/api/v1/team/sso").ShouldAnswer(HttpStatusCode.NotFound);
        (await business.Client.GetAsync("/api/v1/team/sso").ShouldAnswer(HttpStatusCode.OK))["client_id"]!.GetValue<string>().ShouldBe("switchboard");
    }

    [Fact]
    public async Task Starting_a_sign_in_says_what_is_missing()
    {
        var business = await app.CreateBusinessAsync();
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        (await anonymous.GetAsync("/api/v1/auth/sso/start").ShouldAnswer(HttpStatusCode.UnprocessableEntity)).ToJsonString().ShouldContain("email");
        await anonymous.GetAsync("/api/v1/auth/sso/start?email=nope").ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await anonymous.GetAsync("/api/v1/auth/sso/start?workspace=nope").ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        (await anonymous.GetAsync($"/api/v1/auth/sso/start?email=pat@{NewDomain()}").ShouldAnswer(HttpStatusCode.NotFound))
            .Detail().ShouldContain("password");
        await anonymous.GetAsync($"/api/v1/auth/sso/start?workspace={business.Id}").ShouldAnswer(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/api/v1/auth/sso/callback?code=x").ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldContain("state");
        (await anonymous.GetAsync("/api/v1/auth/sso/callback?code=x&state=never-started").ShouldAnswer(HttpStatusCode.Gone))
            .Detail().ShouldContain("already been used");
    }
}

public sealed class SsoSettingsTestsOnSqlite(SqliteApp app) : SsoSettingsTests(app), IClassFixture<SqliteApp>;

public sealed class SsoSettingsTestsOnPostgres(PostgresApp app) : SsoSettingsTests(app), IClassFixture<PostgresApp>;
