using System.Net;
using System.Net.Http.Json;
using Switchboard.Domain;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Lifecycle;

/// <summary>POST …/members/{id}/suspend and …/restore on both faces: seat, conversations, access, events, audit, plan.</summary>
public abstract class SuspendMemberTests(SwitchboardApp app)
{
    [Fact]
    public async Task Suspending_frees_the_seat_hands_back_open_work_refuses_the_member_and_restoring_undoes_it()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, member) = await business.AddMemberAsync();
        var open = await business.OpenConversationAsync();
        var resolved = await business.OpenConversationAsync();
        foreach (var c in new[] { open, resolved })
            await business.Client.PostAsync($"/api/v1/team/assign/{c}?agent_id={agent.UserId}", null).ShouldAnswer(HttpStatusCode.OK);
        await app.As(agent.Token).PutAsync($"/api/v1/conversations/{resolved}/resolve", null).ShouldAnswer(HttpStatusCode.OK);
        (await business.BillingAsync()).AgentsUsed().ShouldBe(1);

        var suspended = await business.SuspendAsync(member);

        suspended["is_active"]!.GetValue<bool>().ShouldBeFalse();
        // PingBack's member is the document's object: the state is is_active, there is no suspended_at.
        suspended.AsObject().ContainsKey("suspended_at").ShouldBeFalse();
        var listed = await business.MemberAsync(member);
        listed["is_active"]!.GetValue<bool>().ShouldBeFalse();
        var billing = await business.BillingAsync();
        billing.AgentsUsed().ShouldBe(0);
        billing["seats"]!["suspended"]!.GetValue<int>().ShouldBe(1);
        billing["seats"]!["full"]!.GetValue<int>().ShouldBe(1); // the owner
        // Manual routing: the open conversation is unassigned; the resolved one keeps its assignee (history).
        (await business.Client.GetAsync($"/api/v1/conversations/{open}").ShouldAnswer(HttpStatusCode.OK))["assigned_agent_id"].ShouldBeNull();
        (await business.Client.GetAsync($"/api/v1/conversations/{resolved}").ShouldAnswer(HttpStatusCode.OK))["assigned_agent_id"]!
            .GetValue<string>().ShouldBe(agent.UserId.ToString());
        // The member is refused there as a removed member is.
        (await app.As(agent.Token, business.Id).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.NotFound)).Detail()
            .ShouldBe("Workspace not found");
        await app.As(agent.Token, business.Id).GetAsync("/app/members").ShouldAnswer(HttpStatusCode.NotFound);
        await app.As(agent.Token).GetAsync("/api/v1/conversations/").ShouldAnswer(HttpStatusCode.NotFound);
        app.Events.Of<MemberSuspended>(business.Id).ShouldContain(e => e.MembershipId == member && e.UserId == agent.UserId);
        // The member's own account says where they are suspended (and it is not among their usable workspaces).
        var me = await app.As(agent.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);
        me["businesses"]!.AsArray().ShouldNotContain(b => b!["id"]!.GetValue<string>() == business.Id.ToString());
        var suspendedIn = me["suspended_in"]!.AsArray().Single()!;
        suspendedIn["id"]!.GetValue<string>().ShouldBe(business.Id.ToString());
        suspendedIn["name"]!.GetValue<string>().ShouldBe("Acme Support");
        // Suspending twice changes nothing.
        await business.SuspendAsync(member);
        app.Events.Of<MemberSuspended>(business.Id).Count(e => e.MembershipId == member).ShouldBe(1);

        var restored = await business.RestoreAsync(member);
        (await app.As(agent.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK))["suspended_in"]!.AsArray().ShouldBeEmpty();

        restored["is_active"]!.GetValue<bool>().ShouldBeTrue();
        restored["status"]!.GetValue<string>().ShouldBe("offline");
        (await business.BillingAsync()).AgentsUsed().ShouldBe(1);
        await app.As(agent.Token).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);
        app.Events.Of<MemberRestored>(business.Id).ShouldContain(e => e.MembershipId == member);
        var actions = await app.AuditActionsAsync(business.Id);
        actions.ShouldContain("member.suspended");
        actions.ShouldContain("member.restored");
        var subscription = await business.Pipeback().GetAsync("/app/subscription").ShouldAnswer(HttpStatusCode.OK);
        subscription["data"]!["ledger"]!.AsArray().Select(e => e!["reason"]!.GetValue<string>())
            .ShouldContain("member_suspended");
    }

    [Fact]
    public async Task In_auto_routing_a_suspended_members_open_conversations_go_to_someone_live()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        await business.Client.PatchAsJsonAsync("/api/v1/team/status", new { status = "offline" }).ShouldAnswer(HttpStatusCode.OK);
        var (first, firstMember) = await business.AddMemberAsync();
        var (second, _) = await business.AddMemberAsync();
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { mode = "auto" }).ShouldAnswer(HttpStatusCode.OK);
        await app.As(first.Token).PatchAsJsonAsync("/api/v1/team/status", new { status = "live" }).ShouldAnswer(HttpStatusCode.OK);
        var conversation = await business.OpenConversationAsync();
        (await business.Client.GetAsync($"/api/v1/conversations/{conversation}").ShouldAnswer(HttpStatusCode.OK))["assigned_agent_id"]!
            .GetValue<string>().ShouldBe(first.UserId.ToString());
        await app.As(second.Token).PatchAsJsonAsync("/api/v1/team/status", new { status = "live" }).ShouldAnswer(HttpStatusCode.OK);

        await business.SuspendAsync(firstMember);

        (await business.Client.GetAsync($"/api/v1/conversations/{conversation}").ShouldAnswer(HttpStatusCode.OK))["assigned_agent_id"]!
            .GetValue<string>().ShouldBe(second.UserId.ToString());
    }

    [Fact]
    public async Task Restoring_on_a_full_plan_is_refused_with_402_on_both_faces()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (_, first) = await business.AddMemberAsync();
        await business.SuspendAsync(first);
        await business.AddMemberAsync();
        await business.AddMemberAsync();

        (await business.RestoreAsync(first, HttpStatusCode.PaymentRequired)).Detail().ShouldContain("Plan limit reached");
        (await business.Pipeback().PostAsync($"/app/members/{first}/restore", null).ShouldAnswer(HttpStatusCode.PaymentRequired))
            .Text("message").ShouldContain("Plan limit reached");
        (await business.MemberAsync(first))["is_active"]!.GetValue<bool>().ShouldBeFalse();
        (await business.BillingAsync()).AgentsUsed().ShouldBe(2);
    }

    [Fact]
    public async Task The_owner_cannot_be_suspended_and_admins_suspend_agents_only_when_allowed()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (admin, adminMember) = await business.AddMemberAsync("admin");
        var (_, agentMember) = await business.AddMemberAsync();
        var ownerMember = Guid.Parse((await business.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK))
            .AsArray().Single(m => m!["role"]!.GetValue<string>() == "owner")!["id"]!.GetValue<string>());
        var asAdmin = app.As(admin.Token, business.Id);

        (await business.SuspendAsync(ownerMember, HttpStatusCode.BadRequest)).Detail().ShouldBe("The org owner cannot be suspended");
        await asAdmin.PostAsync($"/api/v1/team/members/{agentMember}/suspend", null).ShouldAnswer(HttpStatusCode.Forbidden);
        await business.Client.PatchAsJsonAsync("/api/v1/team/settings", new { admins_can_invite = true }).ShouldAnswer(HttpStatusCode.OK);
        await asAdmin.PostAsync($"/api/v1/team/members/{agentMember}/suspend", null).ShouldAnswer(HttpStatusCode.OK);
        await asAdmin.PostAsync($"/api/v1/team/members/{agentMember}/restore", null).ShouldAnswer(HttpStatusCode.OK);
        await asAdmin.PostAsync($"/api/v1/team/members/{adminMember}/suspend", null).ShouldAnswer(HttpStatusCode.Forbidden);
        await asAdmin.PostAsync($"/api/v1/team/members/{ownerMember}/suspend", null).ShouldAnswer(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Pipeback_suspend_and_restore_answer_the_member_resource_and_unknown_ids_are_404()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (_, member) = await business.AddMemberAsync();

        var suspended = (await business.Pipeback().PostAsync($"/app/members/{member}/suspend", null).ShouldAnswer(HttpStatusCode.OK))["data"]!;
        suspended.Text("id").ShouldBe(member.ToString());
        suspended["is_active"]!.GetValue<bool>().ShouldBeFalse();
        suspended.Text("suspended_at").ShouldBeInviteTimestamp();
        var listed = (await business.Pipeback().GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray()
            .Single(m => m!.Text("id") == member.ToString())!;
        listed["is_active"]!.GetValue<bool>().ShouldBeFalse();
        var restored = (await business.Pipeback().PostAsync($"/app/members/{member}/restore", null).ShouldAnswer(HttpStatusCode.OK))["data"]!;
        restored["is_active"]!.GetValue<bool>().ShouldBeTrue();
        restored["suspended_at"].ShouldBeNull();

        (await business.Pipeback().PostAsync("/app/members/not-a-uuid/suspend", null).ShouldAnswer(HttpStatusCode.NotFound))
            .Text("message").ShouldBe("Team member not found");
        await business.Pipeback().PostAsync($"/app/members/{Guid.NewGuid()}/restore", null).ShouldAnswer(HttpStatusCode.NotFound);
        await business.Client.PostAsync("/api/v1/team/members/not-a-uuid/suspend", null).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_suspended_member_can_be_removed_and_cannot_be_re_added_until_restored()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, member) = await business.AddMemberAsync();
        await business.SuspendAsync(member);

        (await business.Client.PostAsync($"/api/v1/team/invite?email={agent.Email}", null).ShouldAnswer(HttpStatusCode.BadRequest))
            .Detail().ShouldContain("already");
        (await business.Client.PatchAsJsonAsync($"/api/v1/team/members/{member}", new { seat = "lite" }).ShouldAnswer(HttpStatusCode.BadRequest))
            .Detail().ShouldContain("Restore");
        await business.Client.DeleteAsync($"/api/v1/team/members/{member}").ShouldAnswer(HttpStatusCode.OK);
        (await business.BillingAsync())["seats"]!["suspended"]!.GetValue<int>().ShouldBe(0);
    }
}

public sealed class SuspendMemberTestsOnSqlite(SqliteApp app) : SuspendMemberTests(app), IClassFixture<SqliteApp>;

public sealed class SuspendMemberTestsOnPostgres(PostgresApp app) : SuspendMemberTests(app), IClassFixture<PostgresApp>;
