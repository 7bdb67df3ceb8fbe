using System.Net;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Scim;

/// <summary>
/// What clients send besides Entra's and Okta's own forms, found by running Microsoft's reference collection
/// (docs/sso-scim.md, "Conformance"): attribute names in any case (RFC 7643 §2.1), a displayName filter on users,
/// the schemas' descriptions; and the requests of Okta's SCIM 2.0 spec test, in its order.
/// </summary>
public abstract class ScimWireTests(SwitchboardApp app)
{
    [Fact]
    public async Task Attribute_names_are_read_in_any_case_in_bodies_sub_attributes_and_patch_operations()
    {
        var idp = await (await app.CreateBusinessAsync(plan: "pro")).ProvisionerAsync();
        var login = Api.NewEmail("login");
        var work = Api.NewEmail("work");

        var user = await idp.PostAsync("/Users", new Dictionary<string, object>
        {
            ["UserName"] = login,
            ["Name"] = new Dictionary<string, object> { ["GivenName"] = "Pat", ["FAMILYNAME"] = "Case" },
            ["Emails"] = new object[]
            {
                new Dictionary<string, object> { ["Value"] = Api.NewEmail("home"), ["Type"] = "home" },
                new Dictionary<string, object> { ["Value"] = work, ["Type"] = "work", ["Primary"] = true },
            },
        });
        user["userName"]!.GetValue<string>().ShouldBe(login);
        user["name"]!["givenName"]!.GetValue<string>().ShouldBe("Pat");
        user["name"]!["familyName"]!.GetValue<string>().ShouldBe("Case");
        user["emails"]![0]!["value"]!.GetValue<string>().ShouldBe(work);

        var patched = await idp.PatchAsync($"/Users/{user.Id()}", new Dictionary<string, object>
        {
            ["OPERATIONS"] = new object[] { new Dictionary<string, object> { ["Op"] = "Replace", ["Path"] = "active", ["Value"] = false } },
        });
        patched["active"]!.GetValue<bool>().ShouldBeFalse();

        var group = await idp.PostAsync("/Groups", new Dictionary<string, object>
        {
            ["DisplayName"] = "Case " + Guid.NewGuid(),
            ["Members"] = new object[] { new Dictionary<string, object> { ["Value"] = user.Id() } },
        });
        group["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()).ShouldBe([user.Id()]);
    }

    [Fact]
    public async Task A_name_given_twice_in_two_cases_is_a_scim_400()
    {
        var idp = await (await app.CreateBusinessAsync()).ProvisionerAsync();
        var body = $"{{\"userName\":\"{Api.NewEmail("twice")}\",\"name\":{{\"givenName\":\"A\",\"GivenName\":\"B\"}}}}";

        var refused = await idp.PostAsync("/Users", body, HttpStatusCode.BadRequest);
        refused["scimType"]!.GetValue<string>().ShouldBe("invalidSyntax");
        refused.ScimDetail().ShouldContain("twice");
        (await idp.GetAsync("/Users"))["totalResults"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Users_are_found_by_displayName_ignoring_case()
    {
        var idp = await (await app.CreateBusinessAsync(plan: "pro")).ProvisionerAsync();
        var bob = await idp.PostAsync("/Users", new { userName = Api.NewEmail("bob"), displayName = "Bob Is Amazing" });
        await idp.PostAsync("/Users", new { userName = Api.NewEmail("other"), displayName = "Someone Else" });

        var found = await idp.GetAsync("/Users/?filter=" + Uri.EscapeDataString("DisplayName eq \"bob is amazing\""));
        found["totalResults"]!.GetValue<int>().ShouldBe(1);
        found["Resources"]![0]!.Id().ShouldBe(bob.Id());
        (await idp.GetAsync("/Users?filter=" + Uri.EscapeDataString("displayName eq \"Nobody\"")))["totalResults"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Okta_spec_test_sequence_is_answered_as_it_expects()
    {
        // The order of Okta's "SCIM 2.0 SPEC Test" (Runscope): list one, look up by userName, create with a plain
        // application/json body, read back, create again (409), look up in other case, Groups, no token, bad id.
        var idp = await (await app.CreateBusinessAsync(plan: "pro")).ProvisionerAsync();
        await idp.CreateUserAsync();
        var first = await idp.GetAsync("/Users?count=1&startIndex=1");
        first["schemas"]![0]!.GetValue<string>().ShouldBe("urn:ietf:params:scim:api:messages:2.0:ListResponse");
        first["itemsPerPage"]!.GetValue<int>().ShouldBe(1);
        var listed = first["Resources"]![0]!;
        foreach (var field in new[] { "id", "userName" }) listed[field]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        listed["name"]!["givenName"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        listed["name"]!["familyName"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        listed["emails"]![0]!["value"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        (await idp.GetAsync($"/Users/{listed.Id()}"))["active"]!.GetValue<bool>().ShouldBeTrue();

        var userName = Api.NewEmail("OktaUser");
        var lookup = "/Users?filter=" + Uri.EscapeDataString($"userName eq \"{userName}\"") + "&startIndex=1&count=100";
        (await idp.GetAsync(lookup))["totalResults"]!.GetValue<int>().ShouldBe(0);
        var body = $"{{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"{userName}\"," +
            $"\"name\":{{\"givenName\":\"Olga\",\"familyName\":\"Okta\"}},\"emails\":[{{\"primary\":true,\"value\":\"{userName}\",\"type\":\"work\"}}]," +
            "\"displayName\":\"Olga Okta\",\"active\":true}";
        var request = new HttpRequestMessage(HttpMethod.Post, "/scim/v2/Users") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        var created = await idp.Client().SendAsync(request).ShouldAnswer(HttpStatusCode.Created);
        created["userName"]!.GetValue<string>().ShouldBe(userName);
        created["name"]!["familyName"]!.GetValue<string>().ShouldBe("Okta");
        (await idp.GetAsync(lookup))["Resources"]![0]!.Id().ShouldBe(created.Id());
        (await idp.PostAsync("/Users", body, HttpStatusCode.Conflict))["scimType"]!.GetValue<string>().ShouldBe("uniqueness");
        (await idp.GetAsync("/Users?filter=" + Uri.EscapeDataString($"userName eq \"{userName.ToUpperInvariant()}\"")))["totalResults"]!
            .GetValue<int>().ShouldBe(1);
        await idp.GetAsync("/Groups");

        var anonymous = app.CreateClient();
        anonymous.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "non-token");
        var refused = await anonymous.GetAsync("/scim/v2" + lookup).ShouldAnswer(HttpStatusCode.Unauthorized);
        refused["status"]!.GetValue<string>().ShouldBe("401");
        refused.ScimDetail().ShouldNotBeNullOrEmpty();
        var missing = await idp.GetAsync("/Users/00919288221112222", HttpStatusCode.NotFound);
        missing["status"]!.GetValue<string>().ShouldBe("404");
        missing.ScimDetail().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Schemas_carry_their_descriptions()
    {
        var idp = await (await app.CreateBusinessAsync()).ProvisionerAsync();

        (await idp.GetAsync("/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"))["description"]!.GetValue<string>().ShouldBe("User Account");
        var all = await idp.GetAsync("/Schemas");
        all["Resources"]!.AsArray().Select(s => s!["description"]!.GetValue<string>()).ShouldBe(["User Account", "Group"]);
    }
}

public sealed class ScimWireTestsOnSqlite(SqliteApp app) : ScimWireTests(app), IClassFixture<SqliteApp>;

public sealed class ScimWireTestsOnPostgres(PostgresApp app) : ScimWireTests(app), IClassFixture<PostgresApp>;
