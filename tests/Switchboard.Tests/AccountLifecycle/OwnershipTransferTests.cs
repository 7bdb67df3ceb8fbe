using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;
using Switchboard.Tests.Lifecycle;

namespace Switchboard.Tests.AccountLifecycle;

/// <summary>POST /api/v1/team/transfer-ownership {user_id, password}: the owner hands the workspace over and stays as an admin.</summary>
public abstract class OwnershipTransferTests(SwitchboardApp app)
{
    [Fact]
    public async Task The_owner_hands_the_business_to_a_confirmed_member_and_becomes_an_admin()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (admin, adminMember) = await business.AddMemberAsync("admin");

        var answer = await business.TransferAsync(admin.UserId).ShouldAnswer(HttpStatusCode.OK);
        answer.Text("former_owner_role").ShouldBe("admin");
        answer.Text("former_owner_seat").ShouldBe("full");

        var members = (await business.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray();
        members.Single(m => m!.Text("user_id") == admin.UserId.ToString())!.Text("role").ShouldBe("owner");
        members.Single(m => m!.Text("user_id") == business.Owner.UserId.ToString())!.Text("role").ShouldBe("admin");
        (await app.WithDbAsync(db => db.Workspaces.Where(w => w.Id == business.Id).Select(w => w.OwnerUserId).SingleAsync()))
            .ShouldBe(admin.UserId);
        (await app.MailsAsync(admin.Email, "ownership_transferred")).ShouldBe(1);
        (await app.MailsAsync(business.Owner.Email, "ownership_transferred")).ShouldBe(1);
        app.Events.Of<MemberUpdated>(business.Id).ShouldContain(e => e.MembershipId == adminMember && e.Role == Role.Owner);
        app.Events.Of<MemberUpdated>(business.Id).ShouldContain(e => e.UserId == business.Owner.UserId && e.Role == Role.Admin);
        (await app.AuditActionsAsync(business.Id)).ShouldContain("workspace.ownership_transferred");

        // The rights moved with it.
        await app.As(admin.Token, business.Id).PatchAsJsonAsync("/api/v1/business", new { name = "Renamed" }).ShouldAnswer(HttpStatusCode.OK);
        await app.As(business.Owner.Token, business.Id).PatchAsJsonAsync("/api/v1/business", new { name = "Mine" })
            .ShouldAnswer(HttpStatusCode.Forbidden);
        await business.TransferAsync(admin.UserId).ShouldAnswer(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task On_a_full_plan_the_former_owner_takes_a_lite_seat_so_the_plan_is_never_exceeded()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, member) = await business.AddMemberAsync();
        await business.Client.PatchAsJsonAsync($"/api/v1/team/members/{member}", new { seat = "lite" }).ShouldAnswer(HttpStatusCode.OK);
        await business.Client.PutAsJsonAsync("/api/v1/billing/plan", new { plan = "free" }).ShouldAnswer(HttpStatusCode.OK);

        var answer = await business.TransferAsync(agent.UserId).ShouldAnswer(HttpStatusCode.OK);
        answer.Text("former_owner_seat").ShouldBe("lite");
        var billing = await app.As(agent.Token, business.Id).GetAsync("/api/v1/billing").ShouldAnswer(HttpStatusCode.OK);
        billing["agents_used"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Transfers_are_refused_to_non_owners_with_a_wrong_password_and_to_unfit_targets()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (admin, _) = await business.AddMemberAsync("admin");
        var (agent, agentMember) = await business.AddMemberAsync();
        var (unconfirmed, _) = await business.AddMemberAsync();
        var stranger = await app.RegisterAsync();

        (await app.As(admin.Token, business.Id).PostAsJsonAsync("/api/v1/team/transfer-ownership", new { user_id = agent.UserId, password = "correct-horse" })
            .ShouldAnswer(HttpStatusCode.Forbidden)).Detail().ShouldContain("owner");
        (await business.TransferAsync(agent.UserId, "not-the-password").ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldContain("password is not correct");
        (await business.TransferAsync(stranger.UserId).ShouldAnswer(HttpStatusCode.NotFound)).Detail().ShouldBe("Team member not found");
        (await business.TransferAsync(business.Owner.UserId).ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldContain("already own");
        // An address that is no longer confirmed (as after an invite accept, before the mailbox answers).
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == unconfirmed.UserId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailVerifiedAt, (DateTime?)null)));
        (await business.TransferAsync(unconfirmed.UserId).ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldContain("confirmed");
        await business.Client.PostAsync($"/api/v1/team/members/{agentMember}/suspend", null).ShouldAnswer(HttpStatusCode.OK);
        (await business.TransferAsync(agent.UserId).ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldContain("active member");

        var client = app.As(business.Owner.Token, business.Id);
        await client.PostAsJsonAsync("/api/v1/team/transfer-ownership", new { user_id = "nope", password = "correct-horse" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await client.PostAsJsonAsync("/api/v1/team/transfer-ownership", new { }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await client.PostAsync("/api/v1/team/transfer-ownership", new StringContent("{", System.Text.Encoding.UTF8, "application/json"))
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        (await app.WithDbAsync(db => db.Workspaces.Where(w => w.Id == business.Id).Select(w => w.OwnerUserId).SingleAsync()))
            .ShouldBe(business.Owner.UserId);
    }
}

public sealed class OwnershipTransferTestsOnSqlite(SqliteApp app) : OwnershipTransferTests(app), IClassFixture<SqliteApp>;

public sealed class OwnershipTransferTestsOnPostgres(PostgresApp app) : OwnershipTransferTests(app), IClassFixture<PostgresApp>;
