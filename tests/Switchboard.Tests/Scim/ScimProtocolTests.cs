using System.Net;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Scim;

/// <summary>Discovery endpoints and bad input: every refusal is a SCIM error body with a status string, never a 500.</summary>
public abstract class ScimProtocolTests(SwitchboardApp app)
{
    [Fact]
    public async Task Discovery_tells_what_is_supported()
    {
        var idp = await (await app.CreateBusinessAsync()).ProvisionerAsync();

        var config = await idp.GetAsync("/ServiceProviderConfig");
        config["patch"]!["supported"]!.GetValue<bool>().ShouldBeTrue();
        config["etag"]!["supported"]!.GetValue<bool>().ShouldBeTrue();
        config["bulk"]!["supported"]!.GetValue<bool>().ShouldBeFalse();
        var types = await idp.GetAsync("/ResourceTypes");
        types["Resources"]!.AsArray().Select(t => t!["endpoint"]!.GetValue<string>()).ShouldBe(["/Users", "/Groups"]);
        (await idp.GetAsync("/ResourceTypes/User"))["schema"]!.GetValue<string>().ShouldBe("urn:ietf:params:scim:schemas:core:2.0:User");
        var schemas = await idp.GetAsync("/Schemas");
        schemas["Resources"]![0]!["attributes"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()).ShouldContain("userName");
        await idp.GetAsync("/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group");
    }

    [Fact]
    public async Task Bad_input_is_a_scim_error_never_a_500()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var idp = await business.ProvisionerAsync();
        var user = await idp.CreateUserAsync();

        (await idp.PostAsync("/Users", "{not json", HttpStatusCode.BadRequest))["scimType"]!.GetValue<string>().ShouldBe("invalidSyntax");
        (await idp.PostAsync("/Users", "[1,2]", HttpStatusCode.BadRequest))["scimType"]!.GetValue<string>().ShouldBe("invalidSyntax");
        (await idp.PostAsync("/Users", new { displayName = "No userName" }, HttpStatusCode.BadRequest)).ScimDetail().ShouldContain("userName");
        (await idp.PostAsync("/Users", new { userName = "not-an-address" }, HttpStatusCode.BadRequest))["scimType"]!.GetValue<string>().ShouldBe("invalidValue");
        (await idp.PostAsync("/Users", new { userName = 42 }, HttpStatusCode.BadRequest))["scimType"]!.GetValue<string>().ShouldBe("invalidValue");
        (await idp.PostAsync("/Users", new { userName = new string('a', 400) + "@example.com" }, HttpStatusCode.BadRequest))["scimType"]!
            .GetValue<string>().ShouldBe("invalidValue");
        (await idp.GetAsync("/Users?filter=" + Uri.EscapeDataString("title co \"x\""), HttpStatusCode.BadRequest))["scimType"]!
            .GetValue<string>().ShouldBe("invalidFilter");
        (await idp.GetAsync("/Users?filter=" + Uri.EscapeDataString("emails eq \"x\""), HttpStatusCode.BadRequest))["scimType"]!
            .GetValue<string>().ShouldBe("invalidFilter");
        (await idp.GetAsync("/Users?count=many", HttpStatusCode.BadRequest))["scimType"]!.GetValue<string>().ShouldBe("invalidValue");
        (await idp.GetAsync("/Users/not-a-uuid", HttpStatusCode.NotFound)).ScimDetail().ShouldBe("User not found");
        (await idp.GetAsync("/Nothing/here", HttpStatusCode.NotFound)).ScimDetail().ShouldContain("SCIM");
        (await idp.PatchAsync($"/Users/{user.Id()}", new { Operations = "x" }, HttpStatusCode.BadRequest))["scimType"]!.GetValue<string>().ShouldBe("invalidSyntax");
        (await idp.PatchAsync($"/Users/{user.Id()}", Provisioner.Patch(new { op = "remove" }), HttpStatusCode.BadRequest))["scimType"]!
            .GetValue<string>().ShouldBe("noTarget");
        (await idp.PatchAsync($"/Users/{user.Id()}", Provisioner.Patch(new { op = "replace", path = 7, value = 1 }), HttpStatusCode.BadRequest))["scimType"]!
            .GetValue<string>().ShouldBe("invalidPath");
        (await idp.PostAsync("/Groups", new { members = "x" }, HttpStatusCode.BadRequest))["scimType"]!.GetValue<string>().ShouldBe("invalidValue");
        (await idp.PostAsync("/Groups", new { displayName = "G", members = new[] { new { value = "nope" } } }, HttpStatusCode.BadRequest))
            .ScimDetail().ShouldContain("not an id");
        (await business.Client.PutAsync("/api/v1/team/scim/settings",
            new StringContent("{\"group_map\":[{\"group\":\"x\",\"role\":\"owner\"}]}", System.Text.Encoding.UTF8, "application/json"))
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity)).ToJsonString().ShouldContain("group_map");
    }
}

public sealed class ScimProtocolTestsOnSqlite(SqliteApp app) : ScimProtocolTests(app), IClassFixture<SqliteApp>;

public sealed class ScimProtocolTestsOnPostgres(PostgresApp app) : ScimProtocolTests(app), IClassFixture<PostgresApp>;
