using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Lifecycle;

/// <summary>
/// Trust II: an invite link speaks for the workspace only while its creator could still make it, and a removed
/// member cannot come back through a link picked up while a member — only through an invitation made after.
/// </summary>
public abstract class InviteLinkRightsTests(SwitchboardApp app)
{
    private static async Task<string> AdminLinkAsync(Business business, Account admin)
    {
        await business.Client.PatchAsJsonAsync("/api/v1/team/settings", new { admins_can_invite = true }).ShouldAnswer(HttpStatusCode.OK);
        return (await business.App.As(admin.Token, business.Id).PostAsJsonAsync("/app/invite-links", new { seat = "full", max_uses = 5 })
            .ShouldAnswer(HttpStatusCode.Created))["data"]!.Text("token");
    }

    [Fact]
    public async Task A_demoted_admins_link_stops_admitting_people_for_good()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (admin, adminMember) = await business.AddMemberAsync("admin");
        var token = await AdminLinkAsync(business, admin);
        await app.JoinLinkAsync(await app.RegisterAsync(), token).ShouldAnswer(HttpStatusCode.OK);

        await business.Client.PatchAsJsonAsync($"/api/v1/team/members/{adminMember}", new { role = "agent" }).ShouldAnswer(HttpStatusCode.OK);
        var newcomer = await app.RegisterAsync();
        (await app.JoinLinkAsync(newcomer, token).ShouldAnswer(HttpStatusCode.NotFound)).Text("message").ShouldBe("Invite link not found.");
        // Listed as revoked, and promoting the creator again does not bring the link back.
        (await business.Pipeback().GetAsync("/app/invite-links").ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray().Single()!
            .Text("status").ShouldBe("revoked");
        await business.Client.PatchAsJsonAsync($"/api/v1/team/members/{adminMember}", new { role = "admin" }).ShouldAnswer(HttpStatusCode.OK);
        await app.JoinLinkAsync(newcomer, token).ShouldAnswer(HttpStatusCode.NotFound);
        (await app.AuditActionsAsync(business.Id)).ShouldContain("invite_link.revoked");
    }

    [Fact]
    public async Task An_admins_link_dies_when_admins_may_no_longer_invite_or_the_admin_is_removed()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (admin, _) = await business.AddMemberAsync("admin");
        var token = await AdminLinkAsync(business, admin);
        await business.Client.PatchAsJsonAsync("/api/v1/team/settings", new { admins_can_invite = false }).ShouldAnswer(HttpStatusCode.OK);
        await app.JoinLinkAsync(await app.RegisterAsync(), token).ShouldAnswer(HttpStatusCode.NotFound);

        var (secondAdmin, secondMember) = await business.AddMemberAsync("admin");
        var second = await AdminLinkAsync(business, secondAdmin);
        await business.Client.DeleteAsync($"/api/v1/team/members/{secondMember}").ShouldAnswer(HttpStatusCode.OK);
        await app.JoinLinkAsync(await app.RegisterAsync(), second).ShouldAnswer(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_removed_member_comes_back_only_through_a_new_invitation()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var old = (await business.CreateLinkAsync(uses: 10)).Text("token");
        var member = await app.RegisterAsync();
        var joined = (await app.JoinLinkAsync(member, old).ShouldAnswer(HttpStatusCode.OK))["data"]!;
        await business.Client.DeleteAsync($"/api/v1/team/members/{joined.Id()}").ShouldAnswer(HttpStatusCode.OK);

        var refused = await app.JoinLinkAsync(member, old).ShouldAnswer(HttpStatusCode.Forbidden);
        refused.Text("message").ShouldContain("removed from this workspace");
        await app.As(member.Token, business.Id).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.NotFound);
        // Others still use the old link; a link made after the removal lets the member back.
        await app.JoinLinkAsync(await app.RegisterAsync(), old).ShouldAnswer(HttpStatusCode.OK);
        var fresh = (await business.CreateLinkAsync()).Text("token");
        await app.JoinLinkAsync(member, fresh).ShouldAnswer(HttpStatusCode.OK);
    }
}

public sealed class InviteLinkRightsTestsOnSqlite(SqliteApp app) : InviteLinkRightsTests(app), IClassFixture<SqliteApp>;

public sealed class InviteLinkRightsTestsOnPostgres(PostgresApp app) : InviteLinkRightsTests(app), IClassFixture<PostgresApp>;
