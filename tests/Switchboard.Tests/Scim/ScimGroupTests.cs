using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;
using Switchboard.Tests.Lifecycle;

namespace Switchboard.Tests.Scim;

/// <summary>/scim/v2/Groups and the workspace's mapping: group membership sets role and seat; leaving every mapped group restores the defaults.</summary>
public abstract class ScimGroupTests(SwitchboardApp app)
{
    private static async Task<string> RoleOfAsync(Business business, string email) =>
        (await business.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray()
            .Single(m => m!["email"]!.GetValue<string>() == email)!["role"]!.GetValue<string>();

    private static async Task<string> SeatOfAsync(Business business, string email) =>
        (await business.Pipeback().GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray()
            .Single(m => m!["email"]!.GetValue<string>() == email)!["seat"]!.GetValue<string>();

    [Fact]
    public async Task Joining_a_mapped_group_gives_its_role_and_leaving_every_mapped_group_restores_the_default()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        await business.Client.PutAsJsonAsync("/api/v1/team/scim/settings", new
        {
            default_role = "agent",
            default_seat = "lite",
            group_map = new[] { new { group = "Support Admins", role = "admin", seat = "full" }, new { group = "Agents", role = "agent", seat = "full" } },
        }).ShouldAnswer(HttpStatusCode.OK);
        var idp = await business.ProvisionerAsync();
        var email = Api.NewEmail("grouped");
        var user = await idp.CreateUserAsync(email);
        (await RoleOfAsync(business, email)).ShouldBe("agent");
        (await SeatOfAsync(business, email)).ShouldBe("lite");

        var admins = await idp.PostAsync("/Groups", new { displayName = "support admins", members = new[] { new { value = user.Id() } } });
        (await RoleOfAsync(business, email)).ShouldBe("admin");
        (await SeatOfAsync(business, email)).ShouldBe("full");
        var agents = await idp.PostAsync("/Groups", new { displayName = "Agents" });
        // Entra's add form.
        await idp.PatchAsync($"/Groups/{agents.Id()}", Provisioner.Patch(new { op = "Add", path = "members", value = new[] { new { value = user.Id() } } }));
        (await idp.GetAsync($"/Users/{user.Id()}"))["groups"]!.AsArray().Count.ShouldBe(2);

        // Okta's remove form: still in Agents, so agent on a full seat.
        await idp.PatchAsync($"/Groups/{admins.Id()}", Provisioner.Patch(new { op = "remove", path = $"members[value eq \"{user.Id()}\"]" }));
        (await RoleOfAsync(business, email)).ShouldBe("agent");
        (await SeatOfAsync(business, email)).ShouldBe("full");

        // Out of every mapped group: the defaults.
        (await idp.SendAsync(HttpMethod.Delete, $"/Groups/{agents.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await RoleOfAsync(business, email)).ShouldBe("agent");
        (await SeatOfAsync(business, email)).ShouldBe("lite");
        (await app.AuditActionsAsync(business.Id)).ShouldContain("member.updated");
    }

    [Fact]
    public async Task A_group_change_the_plan_cannot_hold_is_refused_whole()
    {
        var business = await app.CreateBusinessAsync(plan: "mini"); // two full seats
        await business.Client.PutAsJsonAsync("/api/v1/team/scim/settings", new
        {
            default_seat = "lite",
            group_map = new[] { new { group = "Full", role = "agent", seat = "full" } },
        }).ShouldAnswer(HttpStatusCode.OK);
        var idp = await business.ProvisionerAsync();
        var users = new List<string>();
        for (var i = 0; i < 3; i++) users.Add((await idp.CreateUserAsync()).Id());
        var group = await idp.PostAsync("/Groups", new { displayName = "Full", members = users.Take(2).Select(id => new { value = id }) });
        (await business.BillingAsync()).AgentsUsed().ShouldBe(2);

        var refused = await idp.PatchAsync($"/Groups/{group.Id()}",
            Provisioner.Patch(new { op = "add", path = "members", value = new[] { new { value = users[2] } } }), HttpStatusCode.Conflict);

        refused.ScimDetail().ShouldContain("Plan limit reached");
        (await idp.GetAsync($"/Groups/{group.Id()}"))["members"]!.AsArray().Count.ShouldBe(2);
        (await business.BillingAsync()).AgentsUsed().ShouldBe(2);

        // Okta's replace of the whole list: one leaves as another joins, which fits.
        var replaced = await idp.PatchAsync($"/Groups/{group.Id()}",
            Provisioner.Patch(new { op = "replace", path = "members", value = new[] { new { value = users[0] }, new { value = users[2] } } }));
        replaced["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()).ShouldBe([users[0], users[2]], ignoreOrder: true);
        (await business.BillingAsync()).AgentsUsed().ShouldBe(2);
    }

    [Fact]
    public async Task Groups_are_found_by_displayName_renamed_and_listed_without_members_when_asked()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var idp = await business.ProvisionerAsync();
        var user = await idp.CreateUserAsync();
        var group = await idp.PostAsync("/Groups", new { displayName = "Tier 1", externalId = "g-1", members = new[] { new { value = user.Id() } } });

        var found = await idp.GetAsync($"/Groups?filter={Uri.EscapeDataString("displayName eq \"tier 1\"")}&excludedAttributes=members");
        found["totalResults"]!.GetValue<int>().ShouldBe(1);
        found["Resources"]![0]!["members"].ShouldBeNull();
        (await idp.GetAsync($"/Groups?filter={Uri.EscapeDataString("externalId eq \"g-1\"")}"))["Resources"]![0]!["members"]!.AsArray().Count.ShouldBe(1);
        var renamed = await idp.PatchAsync($"/Groups/{group.Id()}", Provisioner.Patch(new { op = "Replace", path = "displayName", value = "Tier 2" }));
        renamed["displayName"]!.GetValue<string>().ShouldBe("Tier 2");
        (await idp.PostAsync("/Groups", new { displayName = "TIER 2" }, HttpStatusCode.Conflict))["scimType"]!.GetValue<string>().ShouldBe("uniqueness");
        var put = await idp.PutAsync($"/Groups/{group.Id()}", new { displayName = "Tier 2" });
        put["members"]!.AsArray().Count.ShouldBe(0);
    }
}

public sealed class ScimGroupTestsOnSqlite(SqliteApp app) : ScimGroupTests(app), IClassFixture<SqliteApp>;

public sealed class ScimGroupTestsOnPostgres(PostgresApp app) : ScimGroupTests(app), IClassFixture<PostgresApp>;
