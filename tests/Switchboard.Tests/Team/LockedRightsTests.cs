using System.Net;
using System.Net.Http.Json;
using Shouldly;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Team;

/// <summary>
/// A change is allowed on the rights the caller holds under the workspace lock, not on the cached copy the request
/// was judged on. Two nodes on one PostgreSQL database and no Redis, so the second node hears of a change only when
/// its cache's second runs out (never advanced here): inside that window its cached caller is stale on purpose, and
/// each change must still be refused with 403 <c>rights_changed</c>, with nothing written. After the refusal the
/// node has dropped its cached callers, so the next request is judged on the new rights.
/// </summary>
public sealed class LockedRightsTests(ReadCacheTests.Nodes nodes) : IClassFixture<ReadCacheTests.Nodes>
{
    private static async Task ShouldBeRightsChanged(Task<HttpResponseMessage> request)
    {
        var body = await request.ShouldAnswer(HttpStatusCode.Forbidden);
        body["code"]!.GetValue<string>().ShouldBe("rights_changed");
    }

    [Fact]
    public async Task An_admin_demoted_on_another_node_cannot_assign_on_a_stale_cache()
    {
        var business = await nodes.First.CreateBusinessAsync(plan: "pro");
        var (admin, adminMember) = await business.AddMemberAsync("admin");
        var (agent, _) = await business.AddMemberAsync();
        var conversation = await business.OpenConversationAsync();
        var adminOnSecond = nodes.Second.As(admin.Token);
        // The second node has judged the admin once (warm cache), then the owner demotes them on the first.
        await adminOnSecond.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);
        await nodes.First.As(business.Owner.Token)
            .PatchAsJsonAsync($"/api/v1/team/members/{adminMember}", new { role = "agent" }).ShouldAnswer(HttpStatusCode.OK);

        await ShouldBeRightsChanged(adminOnSecond.PostAsync($"/api/v1/team/assign/{conversation}?agent_id={agent.UserId}", null));

        var stored = await nodes.First.As(business.Owner.Token).GetAsync($"/api/v1/conversations/{conversation}").ShouldAnswer(HttpStatusCode.OK);
        stored["assigned_agent_id"].ShouldBeNull();
        // Judged again on what the database says: now an agent, refused by the rule itself.
        var again = await adminOnSecond.PostAsync($"/api/v1/team/assign/{conversation}?agent_id={agent.UserId}", null)
            .ShouldAnswer(HttpStatusCode.Forbidden);
        again["code"]!.GetValue<string>().ShouldBe("forbidden");
    }

    [Fact]
    public async Task An_admin_whose_invite_right_was_switched_off_elsewhere_creates_no_invite_link()
    {
        var business = await nodes.First.CreateBusinessAsync(plan: "pro");
        await nodes.First.As(business.Owner.Token)
            .PatchAsJsonAsync("/api/v1/team/settings", new { admins_can_invite = true }).ShouldAnswer(HttpStatusCode.OK);
        var (admin, _) = await business.AddMemberAsync("admin");
        var adminOnSecond = nodes.Second.As(admin.Token, business.Id);
        await adminOnSecond.GetAsync("/app/invite-links").ShouldAnswer(HttpStatusCode.OK);
        await nodes.First.As(business.Owner.Token)
            .PatchAsJsonAsync("/api/v1/team/settings", new { admins_can_invite = false }).ShouldAnswer(HttpStatusCode.OK);

        await ShouldBeRightsChanged(adminOnSecond.PostAsJsonAsync("/app/invite-links", new { seat = "full", role = "agent" }));

        var links = await nodes.First.As(business.Owner.Token, business.Id).GetAsync("/app/invite-links").ShouldAnswer(HttpStatusCode.OK);
        links["data"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_owner_is_not_refused_when_a_switch_that_does_not_bind_owners_moves()
    {
        var business = await nodes.First.CreateBusinessAsync(plan: "pro");
        var ownerOnSecond = nodes.Second.As(business.Owner.Token, business.Id);
        await ownerOnSecond.GetAsync("/app/invite-links").ShouldAnswer(HttpStatusCode.OK);
        await nodes.First.As(business.Owner.Token)
            .PatchAsJsonAsync("/api/v1/team/settings", new { admins_can_invite = true }).ShouldAnswer(HttpStatusCode.OK);

        await ownerOnSecond.PostAsJsonAsync("/app/invite-links", new { seat = "full", role = "agent" })
            .ShouldAnswer(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_member_suspended_on_another_node_cannot_close_a_conversation_on_a_stale_cache()
    {
        var business = await nodes.First.CreateBusinessAsync(plan: "pro");
        var (agent, agentMember) = await business.AddMemberAsync();
        var conversation = await business.OpenConversationAsync();
        var agentOnSecond = nodes.Second.As(agent.Token);
        await agentOnSecond.GetAsync($"/api/v1/conversations/{conversation}").ShouldAnswer(HttpStatusCode.OK);
        await nodes.First.As(business.Owner.Token)
            .PostAsync($"/api/v1/team/members/{agentMember}/suspend", null).ShouldAnswer(HttpStatusCode.OK);

        await ShouldBeRightsChanged(agentOnSecond.PutAsync($"/api/v1/conversations/{conversation}/close", null));

        var stored = await nodes.First.As(business.Owner.Token).GetAsync($"/api/v1/conversations/{conversation}").ShouldAnswer(HttpStatusCode.OK);
        stored["status"]!.GetValue<string>().ShouldBe("open");
    }
}
