using System.Net;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Scim;

/// <summary>
/// What clients send besides Entra's and Okta's own forms, found by running Microsoft's reference collection
/// (docs/sso-scim.md, "Conformance"): attribute names in any case (RFC 7643 §2.1), a displayName filter on users,
/// the schemas' descriptions.
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
