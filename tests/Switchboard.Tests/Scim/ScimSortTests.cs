using System.Net;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Scim;

/// <summary>
/// sortBy and sortOrder on /Users and /Groups (RFC 7644 §3.4.2.3): case-insensitive attributes ignore case,
/// case-exact ones compare by code point, resources without the value come last ascending and first descending,
/// pages follow the order, and what cannot be sorted on is a SCIM 400, not another order. On a clock the test moves,
/// so creation times differ by a known step.
/// </summary>
public abstract class ScimSortTests<TApp>(TApp app) where TApp : SwitchboardApp, IClockedApp
{
    [Fact]
    public async Task Users_sort_by_userName_ignoring_case_in_both_orders_and_pages_follow_the_order()
    {
        var idp = await (await app.CreateBusinessAsync(plan: "pro")).ProvisionerAsync();
        var charlie = await idp.CreateUserAsync(Api.NewEmail("charlie"));
        app.Time.Advance(TimeSpan.FromSeconds(1));
        var bravo = await idp.CreateUserAsync(Api.NewEmail("Bravo"));
        app.Time.Advance(TimeSpan.FromSeconds(1));
        var alpha = await idp.CreateUserAsync(Api.NewEmail("alpha"));

        // By code point "Bravo" would come before "alpha"; userName is not case-exact, so it does not.
        (await Ids(idp, "/Users?sortBy=userName")).ShouldBe([alpha.Id(), bravo.Id(), charlie.Id()]);
        (await Ids(idp, "/Users?sortBy=UserName&sortOrder=descending")).ShouldBe([charlie.Id(), bravo.Id(), alpha.Id()]);
        (await Ids(idp, "/Users?sortBy=urn:ietf:params:scim:schemas:core:2.0:User:userName&sortOrder=Ascending"))
            .ShouldBe([alpha.Id(), bravo.Id(), charlie.Id()]);
        var second = await idp.GetAsync("/Users?sortBy=userName&startIndex=2&count=1");
        second["totalResults"]!.GetValue<int>().ShouldBe(3);
        second["startIndex"]!.GetValue<int>().ShouldBe(2);
        second["Resources"]!.AsArray().Select(r => r!.Id()).ShouldBe([bravo.Id()]);
        // Without sortBy the order stays the creation order; sortOrder alone changes nothing.
        (await Ids(idp, "/Users")).ShouldBe([charlie.Id(), bravo.Id(), alpha.Id()]);
        (await Ids(idp, "/Users?sortOrder=descending")).ShouldBe([charlie.Id(), bravo.Id(), alpha.Id()]);
    }

    [Fact]
    public async Task Users_sort_by_externalId_by_code_point_with_the_ones_without_last_ascending_and_first_descending()
    {
        var idp = await (await app.CreateBusinessAsync(plan: "pro")).ProvisionerAsync();
        var lower = await idp.CreateUserAsync(externalId: "a-ext");
        var none = await idp.PostAsync("/Users", new { userName = Api.NewEmail("none") });
        var upper = await idp.CreateUserAsync(externalId: "B-ext");

        // externalId is case-exact: "B" (U+0042) sorts before "a" (U+0061).
        (await Ids(idp, "/Users?sortBy=externalId")).ShouldBe([upper.Id(), lower.Id(), none.Id()]);
        (await Ids(idp, "/Users?sortBy=externalId&sortOrder=descending")).ShouldBe([none.Id(), lower.Id(), upper.Id()]);
    }

    [Fact]
    public async Task Users_and_groups_sort_by_meta_created_and_lastModified()
    {
        var idp = await (await app.CreateBusinessAsync(plan: "pro")).ProvisionerAsync();
        var first = await idp.CreateUserAsync();
        app.Time.Advance(TimeSpan.FromSeconds(5));
        var second = await idp.CreateUserAsync();
        app.Time.Advance(TimeSpan.FromSeconds(5));
        await idp.PatchAsync($"/Users/{first.Id()}", Provisioner.Patch(new { op = "replace", path = "displayName", value = "Changed" }));

        (await Ids(idp, "/Users?sortBy=meta.created&sortOrder=descending")).ShouldBe([second.Id(), first.Id()]);
        (await Ids(idp, "/Users?sortBy=meta.lastModified&sortOrder=descending")).ShouldBe([first.Id(), second.Id()]);

        var older = await idp.PostAsync("/Groups", new { displayName = "Older " + Guid.NewGuid() });
        app.Time.Advance(TimeSpan.FromSeconds(5));
        var newer = await idp.PostAsync("/Groups", new { displayName = "Newer " + Guid.NewGuid() });
        (await Ids(idp, "/Groups?sortBy=meta.created&sortOrder=descending")).ShouldBe([newer.Id(), older.Id()]);
        (await Ids(idp, "/Groups?sortBy=meta.created")).ShouldBe([older.Id(), newer.Id()]);
    }

    [Fact]
    public async Task Groups_sort_by_displayName_ignoring_case_and_by_externalId()
    {
        var idp = await (await app.CreateBusinessAsync(plan: "pro")).ProvisionerAsync();
        var beta = await idp.PostAsync("/Groups", new { displayName = "beta", externalId = "x-2" });
        var alpha = await idp.PostAsync("/Groups", new { displayName = "Alpha" });
        var gamma = await idp.PostAsync("/Groups", new { displayName = "GAMMA", externalId = "x-1" });

        (await Ids(idp, "/Groups?sortBy=displayName")).ShouldBe([alpha.Id(), beta.Id(), gamma.Id()]);
        (await Ids(idp, "/Groups?sortBy=displayName&sortOrder=descending&excludedAttributes=members")).ShouldBe([gamma.Id(), beta.Id(), alpha.Id()]);
        (await Ids(idp, "/Groups?sortBy=externalId")).ShouldBe([gamma.Id(), beta.Id(), alpha.Id()]);
    }

    [Fact]
    public async Task What_cannot_be_sorted_on_is_a_scim_400_and_the_service_says_it_sorts()
    {
        var idp = await (await app.CreateBusinessAsync()).ProvisionerAsync();

        foreach (var query in new[] { "/Users?sortBy=title", "/Users?sortBy=emails", "/Users?sortBy=" + Uri.EscapeDataString("emails[type eq \"work\"].value"),
                     "/Groups?sortBy=members", "/Users?sortBy=userName&sortOrder=sideways", "/Groups?sortOrder=up" })
        {
            var refused = await idp.GetAsync(query, HttpStatusCode.BadRequest);
            refused["scimType"]!.GetValue<string>().ShouldBe("invalidValue", query);
            refused["status"]!.GetValue<string>().ShouldBe("400");
            refused.ScimDetail().ShouldContain("sort");
        }
        (await idp.GetAsync("/Users?sortBy=title", HttpStatusCode.BadRequest)).ScimDetail().ShouldContain("userName, externalId, meta.created");

        var config = await idp.GetAsync("/ServiceProviderConfig");
        config["sort"]!["supported"]!.GetValue<bool>().ShouldBeTrue();
    }

    private static async Task<string[]> Ids(Provisioner idp, string query) =>
        [.. (await idp.GetAsync(query))["Resources"]!.AsArray().Select(r => r!.Id())];
}

public sealed class ScimSortTestsOnSqlite(ClockedSqliteApp app) : ScimSortTests<ClockedSqliteApp>(app), IClassFixture<ClockedSqliteApp>;

public sealed class ScimSortTestsOnPostgres(ClockedPostgresApp app) : ScimSortTests<ClockedPostgresApp>(app), IClassFixture<ClockedPostgresApp>;
