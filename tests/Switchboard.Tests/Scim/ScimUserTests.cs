using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Lifecycle;

namespace Switchboard.Tests.Scim;

/// <summary>/scim/v2/Users as Entra and Okta drive it: create, find, page, PATCH forms, deactivate/reactivate, delete, plan limits.</summary>
public abstract class ScimUserTests(SwitchboardApp app)
{
    [Fact]
    public async Task A_created_user_is_a_member_with_the_default_seat_and_is_found_by_userName_in_any_case_and_by_externalId()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var idp = await business.ProvisionerAsync();
        var email = Api.NewEmail("Casey");

        var response = await idp.SendAsync(HttpMethod.Post, "/Users", new { userName = email, externalId = "ext-1", name = new { givenName = "Casey", familyName = "Jones" } });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/scim+json");
        response.Headers.ETag.ShouldNotBeNull();
        var created = await response.ReadJsonAsync();
        response.Headers.Location!.ToString().ShouldEndWith($"/scim/v2/Users/{created.Id()}");
        created["active"]!.GetValue<bool>().ShouldBeTrue();
        created["meta"]!["resourceType"]!.GetValue<string>().ShouldBe("User");

        var member = (await business.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray()
            .Single(m => m!["email"]!.GetValue<string>() == email)!;
        member["role"]!.GetValue<string>().ShouldBe("agent");
        member["name"]!.GetValue<string>().ShouldBe("Casey Jones");
        (await business.BillingAsync()).AgentsUsed().ShouldBe(1);

        var byName = await idp.GetAsync($"/Users?filter={Uri.EscapeDataString($"userName eq \"{email.ToUpperInvariant()}\"")}");
        byName["totalResults"]!.GetValue<int>().ShouldBe(1);
        byName["Resources"]![0]!.Id().ShouldBe(created.Id());
        var byExternal = await idp.GetAsync($"/users?filter={Uri.EscapeDataString("externalId eq \"ext-1\"")}");
        byExternal["Resources"]![0]!.Id().ShouldBe(created.Id());
        (await idp.GetAsync($"/Users?filter={Uri.EscapeDataString("externalId eq \"EXT-1\"")}"))["totalResults"]!.GetValue<int>().ShouldBe(0);

        // The same userName again is SCIM's uniqueness conflict; nothing else is created.
        var again = await idp.PostAsync("/Users", new { userName = email.ToUpperInvariant() }, HttpStatusCode.Conflict);
        again["scimType"]!.GetValue<string>().ShouldBe("uniqueness");
        again["status"]!.GetValue<string>().ShouldBe("409");
    }

    [Fact]
    public async Task Pages_are_stable_and_only_provisioned_users_are_listed()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        await business.AddMemberAsync(); // added by hand: not SCIM's
        var idp = await business.ProvisionerAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add((await idp.CreateUserAsync(active: i < 3)).Id());

        var first = await idp.GetAsync("/Users?startIndex=1&count=2");
        var second = await idp.GetAsync("/Users?startIndex=3&count=2");
        var third = await idp.GetAsync("/Users?startIndex=5&count=2");

        first["totalResults"]!.GetValue<int>().ShouldBe(5);
        first["itemsPerPage"]!.GetValue<int>().ShouldBe(2);
        third["startIndex"]!.GetValue<int>().ShouldBe(5);
        var paged = new[] { first, second, third }.SelectMany(p => p["Resources"]!.AsArray()).Select(r => r!.Id()).ToList();
        paged.ShouldBe(ids);
        (await idp.GetAsync("/Users?count=0"))["Resources"]!.AsArray().Count.ShouldBe(0);
        (await idp.GetAsync("/Users?startIndex=-4&count=1"))["Resources"]![0]!.Id().ShouldBe(ids[0]);
    }

    [Fact]
    public async Task Entra_deactivates_with_a_string_boolean_and_the_member_is_suspended_everywhere_then_Okta_reactivates()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var idp = await business.ProvisionerAsync();
        var email = Api.NewEmail("leaver");
        var user = await idp.CreateUserAsync(email);
        var member = (await business.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray()
            .Single(m => m!["email"]!.GetValue<string>() == email)!;
        var memberId = Guid.Parse(member["id"]!.GetValue<string>());
        var userId = Guid.Parse(member["user_id"]!.GetValue<string>());
        var conversation = await business.OpenConversationAsync();
        await business.Client.PostAsync($"/api/v1/team/assign/{conversation}?agent_id={userId}", null).ShouldAnswer(HttpStatusCode.OK);

        var patched = await idp.PatchAsync($"/Users/{user.Id()}", Provisioner.Patch(new { op = "Replace", path = "active", value = "False" }));

        patched["active"]!.GetValue<bool>().ShouldBeFalse();
        (await business.MemberAsync(memberId))["is_active"]!.GetValue<bool>().ShouldBeFalse();
        (await business.Client.GetAsync($"/api/v1/conversations/{conversation}").ShouldAnswer(HttpStatusCode.OK))["assigned_agent_id"].ShouldBeNull();
        (await business.BillingAsync()).AgentsUsed().ShouldBe(0);
        app.Events.Of<MemberSuspended>(business.Id).ShouldContain(e => e.MembershipId == memberId);
        (await idp.GetAsync($"/Users/{user.Id()}"))["active"]!.GetValue<bool>().ShouldBeFalse();

        var restored = await idp.PatchAsync($"/Users/{user.Id()}", Provisioner.Patch(new { op = "replace", value = new { active = true } }));

        restored["active"]!.GetValue<bool>().ShouldBeTrue();
        (await business.MemberAsync(memberId))["is_active"]!.GetValue<bool>().ShouldBeTrue();
        (await business.BillingAsync()).AgentsUsed().ShouldBe(1);
        // Every change names the token that made it, and no person.
        var rows = await app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(a => a.WorkspaceId == business.Id && a.ActorScimTokenId != null)
            .Select(a => new { a.Action, a.ActorUserId, a.ActorScimTokenId }).ToListAsync());
        rows.Select(r => r.Action).ShouldBe(["scim.user.created", "member.added", "member.suspended", "scim.user.updated", "member.restored", "scim.user.updated"],
            ignoreOrder: true);
        rows.ShouldAllBe(r => r.ActorScimTokenId == idp.TokenId && r.ActorUserId == null);
        var audit = await business.Client.GetAsync("/api/v1/team/audit?action=member.suspended").ShouldAnswer(HttpStatusCode.OK);
        audit["items"]![0]!["actor_scim_token_id"]!.GetValue<string>().ShouldBe(idp.TokenId.ToString());
    }

    [Fact]
    public async Task Patch_paths_are_read_as_Entra_and_Okta_send_them_and_put_replaces()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var idp = await business.ProvisionerAsync();
        var user = await idp.CreateUserAsync();

        var patched = await idp.PatchAsync($"/Users/{user.Id()}", Provisioner.Patch(
            new { op = "Add", path = "name.givenName", value = "Robin" },
            new { op = "replace", path = "NAME.FAMILYNAME", value = "Hood" },
            new { op = "Replace", path = "emails[type eq \"work\"].value", value = "robin@example.org" },
            new { op = "Add", path = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", value = "Archery" },
            new { op = "replace", value = new Dictionary<string, object> { ["displayName"] = "Robin H.", ["externalId"] = "okta-9" } },
            new { op = "Remove", path = "urn:ietf:params:scim:schemas:core:2.0:User:displayName" }));

        patched["name"]!["givenName"]!.GetValue<string>().ShouldBe("Robin");
        patched["name"]!["familyName"]!.GetValue<string>().ShouldBe("Hood");
        patched["emails"]![0]!["value"]!.GetValue<string>().ShouldBe("robin@example.org");
        patched["externalId"]!.GetValue<string>().ShouldBe("okta-9");
        patched["displayName"].ShouldBeNull();

        var replaced = await idp.PutAsync($"/Users/{user.Id()}", new { userName = user["userName"]!.GetValue<string>(), name = new { givenName = "R" } });
        replaced["name"]!["familyName"].ShouldBeNull();
        replaced["externalId"].ShouldBeNull();
        replaced["active"]!.GetValue<bool>().ShouldBeTrue();

        (await idp.PatchAsync($"/Users/{user.Id()}", Provisioner.Patch(new { op = "remove", path = "userName" }), HttpStatusCode.BadRequest))["scimType"]!
            .GetValue<string>().ShouldBe("mutability");
        (await idp.PatchAsync($"/Users/{user.Id()}", Provisioner.Patch(new { op = "replace", path = "active", value = "maybe" }), HttpStatusCode.BadRequest))["scimType"]!
            .GetValue<string>().ShouldBe("invalidValue");
        (await idp.PatchAsync($"/Users/{user.Id()}", Provisioner.Patch(new { op = "move", path = "active", value = true }), HttpStatusCode.BadRequest))["scimType"]!
            .GetValue<string>().ShouldBe("invalidSyntax");
        (await idp.PatchAsync($"/Users/{user.Id()}", Provisioner.Patch(new { op = "replace", path = "emails[type eq", value = "x" }), HttpStatusCode.BadRequest))["scimType"]!
            .GetValue<string>().ShouldBe("invalidPath");
    }

    [Fact]
    public async Task Delete_removes_the_member_by_the_removal_rule_and_the_account_stays()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var idp = await business.ProvisionerAsync();
        var email = Api.NewEmail("gone");
        var user = await idp.CreateUserAsync(email);

        var deleted = await idp.SendAsync(HttpMethod.Delete, $"/Users/{user.Id()}");

        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await business.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray()
            .ShouldNotContain(m => m!["email"]!.GetValue<string>() == email);
        (await idp.GetAsync($"/Users/{user.Id()}", HttpStatusCode.NotFound)).ScimDetail().ShouldBe("User not found");
        app.Events.Of<MemberRemoved>(business.Id).ShouldHaveSingleItem();
        (await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email))).ShouldBe(1);
        (await app.AuditActionsAsync(business.Id)).ShouldContain("member.removed");
    }

    [Fact]
    public async Task Past_the_plan_a_create_is_a_409_with_words_and_leaves_nothing_and_a_reactivation_is_refused_the_same_way()
    {
        var business = await app.CreateBusinessAsync(plan: "mini"); // two agents
        var idp = await business.ProvisionerAsync();
        await idp.CreateUserAsync();
        var second = await idp.CreateUserAsync();
        var email = Api.NewEmail("third");

        var refused = await idp.CreateUserAsync(email, status: HttpStatusCode.Conflict);

        refused.ScimDetail().ShouldContain("Plan limit reached");
        refused["status"]!.GetValue<string>().ShouldBe("409");
        (await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email))).ShouldBe(0);
        (await idp.GetAsync("/Users"))["totalResults"]!.GetValue<int>().ShouldBe(2);

        // An inactive user holds no seat, so it can be created; activating it is counted.
        var waiting = await idp.CreateUserAsync(email, active: false);
        waiting["active"]!.GetValue<bool>().ShouldBeFalse();
        (await idp.PatchAsync($"/Users/{waiting.Id()}", Provisioner.Patch(new { op = "replace", path = "active", value = true }), HttpStatusCode.Conflict))
            .ScimDetail().ShouldContain("Plan limit reached");
        await idp.PatchAsync($"/Users/{second.Id()}", Provisioner.Patch(new { op = "replace", path = "active", value = false }));
        (await idp.PatchAsync($"/Users/{waiting.Id()}", Provisioner.Patch(new { op = "replace", path = "active", value = true })))["active"]!
            .GetValue<bool>().ShouldBeTrue();
        (await idp.PatchAsync($"/Users/{second.Id()}", Provisioner.Patch(new { op = "replace", path = "active", value = true }), HttpStatusCode.Conflict))
            .ScimDetail().ShouldContain("Plan limit reached");
    }

    [Fact]
    public async Task Parallel_creates_from_SCIM_and_invites_from_the_dashboard_never_pass_the_plan()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var idp = await business.ProvisionerAsync();
        var accounts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.RegisterAsync()));

        var scim = Enumerable.Range(0, 4).Select(_ => idp.SendAsync(HttpMethod.Post, "/Users", new { userName = Api.NewEmail("race") }));
        var invites = accounts.Select(a => business.Client.PostAsync($"/api/v1/team/invite?email={Uri.EscapeDataString(a.Email)}&role=agent", null));
        var answers = await Task.WhenAll(scim.Concat(invites));

        answers.Count(a => a.IsSuccessStatusCode).ShouldBe(2);
        answers.Where(a => a.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/scim")).Where(a => !a.IsSuccessStatusCode)
            .ShouldAllBe(a => a.StatusCode == HttpStatusCode.Conflict);
        (await business.BillingAsync()).AgentsUsed().ShouldBe(2);
    }

    [Fact]
    public async Task If_Match_guards_writes_and_If_None_Match_answers_304()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var idp = await business.ProvisionerAsync();
        var user = await idp.CreateUserAsync();
        var version = user["meta"]!["version"]!.GetValue<string>();

        var stale = await idp.SendAsync(HttpMethod.Patch, $"/Users/{user.Id()}",
            Provisioner.Patch(new { op = "replace", path = "displayName", value = "A" }), ifMatch: "W/\"999a\"");
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        var fresh = await idp.SendAsync(HttpMethod.Patch, $"/Users/{user.Id()}",
            Provisioner.Patch(new { op = "replace", path = "displayName", value = "A" }), ifMatch: version);
        fresh.StatusCode.ShouldBe(HttpStatusCode.OK);
        var newVersion = fresh.Headers.ETag!.ToString();
        newVersion.ShouldNotBe(version);

        var request = new HttpRequestMessage(HttpMethod.Get, $"/scim/v2/Users/{user.Id()}");
        request.Headers.TryAddWithoutValidation("If-None-Match", newVersion);
        (await idp.Client().SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }
}

public sealed class ScimUserTestsOnSqlite(SqliteApp app) : ScimUserTests(app), IClassFixture<SqliteApp>;

public sealed class ScimUserTestsOnPostgres(PostgresApp app) : ScimUserTests(app), IClassFixture<PostgresApp>;
