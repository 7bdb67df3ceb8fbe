using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Lifecycle;

/// <summary>/app/invite-links: create (secret shown once, stored hashed), list, revoke, join.</summary>
public abstract class InviteLinkTests(SwitchboardApp app)
{
    [Fact]
    public async Task A_link_is_shown_once_stored_hashed_and_lets_a_confirmed_user_join_with_its_role_and_seat()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var link = await business.CreateLinkAsync(seat: "lite", days: 3, uses: 2);
        var token = link.Text("token");
        link.Text("url").ShouldEndWith("/join#" + token);
        link.Text("status").ShouldBe("active");
        link["uses_left"]!.GetValue<int>().ShouldBe(2);
        var stored = await app.WithDbAsync(db => db.InviteLinks.AsNoTracking().SingleAsync(l => l.Id == link.Id()));
        stored.SecretHash.ShouldNotContain(token);
        stored.SecretHash.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))));

        var joiner = await app.RegisterAsync();
        var joined = (await app.JoinLinkAsync(joiner, token).ShouldAnswer(HttpStatusCode.OK))["data"]!;

        joined.Text("workspace_id").ShouldBe(business.Id.ToString());
        joined.Text("seat").ShouldBe("lite");
        joined.Text("role").ShouldBe("agent");
        await app.As(joiner.Token, business.Id).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);
        var listed = (await business.Pipeback().GetAsync("/app/invite-links").ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray().Single()!;
        listed["uses"]!.GetValue<int>().ShouldBe(1);
        listed["token"].ShouldBeNull();
        listed["url"].ShouldBeNull();
        (await app.AuditActionsAsync(business.Id)).ShouldContain("invite_link.used");
        // Joining again: already a member.
        (await app.JoinLinkAsync(joiner, token).ShouldAnswer(HttpStatusCode.UnprocessableEntity)).ShouldBeValidationError("token");
    }

    [Fact]
    public async Task Anyone_with_the_secret_sees_which_workspace_a_live_link_leads_to_and_nothing_once_it_is_dead()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var link = await business.CreateLinkAsync(seat: "lite", uses: 1);
        var preview = await app.Anonymous().PostAsJsonAsync("/app/invite-links/preview", new { token = link.Text("token") })
            .ShouldAnswer(HttpStatusCode.OK);
        var data = preview["data"]!;
        data["workspace"]!.Text("name").ShouldBe("Acme Support");
        data["workspace"]!.Text("id").ShouldBe(business.Id.ToString());
        data.Text("seat").ShouldBe("lite");
        data.Text("role").ShouldBe("agent");

        await app.JoinLinkAsync(await app.RegisterAsync(), link.Text("token")).ShouldAnswer(HttpStatusCode.OK);
        (await app.Anonymous().PostAsJsonAsync("/app/invite-links/preview", new { token = link.Text("token") })
            .ShouldAnswer(HttpStatusCode.NotFound)).Text("message").ShouldBe("Invite link not found.");
        (await app.Anonymous().PostAsJsonAsync("/app/invite-links/preview", new { token = "" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity)).ShouldBeValidationError("token");
    }

    [Fact]
    public async Task Used_up_expired_revoked_and_unknown_links_all_answer_the_same_404()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var once = await business.CreateLinkAsync(uses: 1);
        await app.JoinLinkAsync(await app.RegisterAsync(), once.Text("token")).ShouldAnswer(HttpStatusCode.OK);
        var expiring = await business.CreateLinkAsync(days: 1);
        await app.WithDbAsync(db => db.InviteLinks.Where(l => l.Id == expiring.Id())
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, app.Now.AddSeconds(-1))));
        var revoked = await business.CreateLinkAsync();
        await business.Pipeback().DeleteAsync($"/app/invite-links/{revoked.Id()}").ShouldAnswer(HttpStatusCode.OK);
        await business.Pipeback().DeleteAsync($"/app/invite-links/{revoked.Id()}").ShouldAnswer(HttpStatusCode.OK);

        var user = await app.RegisterAsync();
        foreach (var token in new[] { once.Text("token"), expiring.Text("token"), revoked.Text("token"), "no-such-link" })
            (await app.JoinLinkAsync(user, token).ShouldAnswer(HttpStatusCode.NotFound)).Text("message").ShouldBe("Invite link not found.");
        var statuses = (await business.Pipeback().GetAsync("/app/invite-links").ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray()
            .ToDictionary(l => l!.Text("id"), l => l!.Text("status"));
        statuses[once.Text("id")].ShouldBe("used_up");
        statuses[expiring.Text("id")].ShouldBe("expired");
        statuses[revoked.Text("id")].ShouldBe("revoked");
    }

    [Fact]
    public async Task Joining_needs_a_confirmed_address_and_room_on_the_plan()
    {
        var business = await app.CreateBusinessAsync(plan: "free");
        var link = await business.CreateLinkAsync(seat: "full");

        var unconfirmed = await app.RegisterAsync(confirm: false);
        (await app.JoinLinkAsync(unconfirmed, link.Text("token")).ShouldAnswer(HttpStatusCode.Forbidden))
            .Text("message").ShouldContain("Confirm your email");
        (await app.JoinLinkAsync(await app.RegisterAsync(), link.Text("token")).ShouldAnswer(HttpStatusCode.PaymentRequired))
            .Text("message").ShouldContain("Plan limit reached");
        await app.Anonymous().PostAsJsonAsync("/app/invite-links/join", new { token = link.Text("token") }).ShouldAnswer(HttpStatusCode.Unauthorized);
        (await app.As(business.Owner.Token).PostAsJsonAsync("/app/invite-links/join", new { }).ShouldAnswer(HttpStatusCode.UnprocessableEntity))
            .ShouldBeValidationError("token");
    }

    [Fact]
    public async Task Creating_checks_its_input_and_who_may_manage_links()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (admin, _) = await business.AddMemberAsync("admin");
        var (agent, _) = await business.AddMemberAsync();
        var owner = business.Pipeback();

        (await owner.PostAsJsonAsync("/app/invite-links", new { seat = "full", expires_in_days = 31 }).ShouldAnswer(HttpStatusCode.UnprocessableEntity))
            .ShouldBeValidationError("expires_in_days");
        (await owner.PostAsJsonAsync("/app/invite-links", new { seat = "full", max_uses = 1001 }).ShouldAnswer(HttpStatusCode.UnprocessableEntity))
            .ShouldBeValidationError("max_uses");
        (await owner.PostAsJsonAsync("/app/invite-links", new { seat = "gold" }).ShouldAnswer(HttpStatusCode.UnprocessableEntity))
            .ShouldBeValidationError("seat");
        (await owner.PostAsJsonAsync("/app/invite-links", new { seat = "full", role = "owner" }).ShouldAnswer(HttpStatusCode.UnprocessableEntity))
            .ShouldBeValidationError("role");
        var defaults = (await owner.PostAsJsonAsync("/app/invite-links", new { seat = "full" }).ShouldAnswer(HttpStatusCode.Created))["data"]!;
        defaults["max_uses"]!.GetValue<int>().ShouldBe(10);
        var adminLink = await business.CreateLinkAsync(role: "admin");

        var asAdmin = app.As(admin.Token, business.Id);
        await asAdmin.PostAsJsonAsync("/app/invite-links", new { seat = "full" }).ShouldAnswer(HttpStatusCode.Forbidden);
        await asAdmin.GetAsync("/app/invite-links").ShouldAnswer(HttpStatusCode.Forbidden);
        await app.As(agent.Token, business.Id).GetAsync("/app/invite-links").ShouldAnswer(HttpStatusCode.Forbidden);
        await business.Client.PatchAsJsonAsync("/api/v1/team/settings", new { admins_can_invite = true }).ShouldAnswer(HttpStatusCode.OK);
        await asAdmin.PostAsJsonAsync("/app/invite-links", new { seat = "full", role = "admin" }).ShouldAnswer(HttpStatusCode.Forbidden);
        await asAdmin.PostAsJsonAsync("/app/invite-links", new { seat = "full" }).ShouldAnswer(HttpStatusCode.Created);
        // An admin sees and revokes agent links only.
        (await asAdmin.GetAsync("/app/invite-links").ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray()
            .ShouldAllBe(l => l!["role"]!.GetValue<string>() == "agent");
        await asAdmin.DeleteAsync($"/app/invite-links/{adminLink.Id()}").ShouldAnswer(HttpStatusCode.Forbidden);
        await owner.DeleteAsync($"/app/invite-links/{Guid.NewGuid()}").ShouldAnswer(HttpStatusCode.NotFound);
        await owner.DeleteAsync("/app/invite-links/not-a-uuid").ShouldAnswer(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Billing_reports_suspended_members_pending_invites_and_what_live_links_could_take()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (_, member) = await business.AddMemberAsync();
        await business.SuspendAsync(member);
        await business.InviteAsync(Api.NewEmail("pending"), "full");
        await business.InviteAsync(Api.NewEmail("pending-lite"), "lite");
        await business.CreateLinkAsync(seat: "full", uses: 4);
        await business.CreateLinkAsync(seat: "lite", uses: 9);
        var revoked = await business.CreateLinkAsync(seat: "full", uses: 7);
        await business.Pipeback().DeleteAsync($"/app/invite-links/{revoked.Id()}").ShouldAnswer(HttpStatusCode.OK);

        var seats = (await business.BillingAsync())["seats"]!;

        seats["suspended"]!.GetValue<int>().ShouldBe(1);
        seats["pending_invites"]!.GetValue<int>().ShouldBe(1);
        seats["invite_links"]!.GetValue<int>().ShouldBe(4);
    }
}

public sealed class InviteLinkTestsOnSqlite(SqliteApp app) : InviteLinkTests(app), IClassFixture<SqliteApp>;

public sealed class InviteLinkTestsOnPostgres(PostgresApp app) : InviteLinkTests(app), IClassFixture<PostgresApp>;
