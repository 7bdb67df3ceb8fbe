using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Lifecycle;

/// <summary>POST /app/invites/bulk: one result per address, in order, with the single invite's rules and mails.</summary>
public abstract class BulkInviteTests(SwitchboardApp app)
{
    [Fact]
    public async Task Each_address_gets_its_result_in_order_and_each_invited_one_its_mail()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (member, _) = await business.AddMemberAsync();
        var existing = await app.RegisterAsync();
        var fresh = Api.NewEmail("fresh");
        var another = Api.NewEmail("another");
        var third = Api.NewEmail("third");
        string[] emails = [fresh, "not an address", member.Email, existing.Email, fresh.ToUpperInvariant(), another, third];

        var results = (await business.Pipeback().PostAsJsonAsync("/app/invites/bulk", new { emails, seat = "full" })
            .ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray();

        results.Select(r => r!.Text("email")).ShouldBe([fresh, "not an address", member.Email, existing.Email, fresh.ToUpperInvariant(), another, third]);
        // Mini allows two agents: the member holds one, the first invite the other; the existing account does not fit either.
        results.Select(r => r!.Text("result")).ShouldBe(["invited", "invalid", "already_member", "plan_limit", "already_invited", "plan_limit", "plan_limit"]);
        results[0]!["invite_id"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        var mails = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.Kind == "invite").Select(m => m.RecipientKey).ToListAsync());
        mails.Count(m => m == Switchboard.Domain.EmailAddress.Normalize(fresh)).ShouldBe(1);
        (await business.BillingAsync()).AgentsUsed().ShouldBe(2);
    }

    [Fact]
    public async Task Confirmed_accounts_are_invited_not_added_and_lite_seats_fit_a_full_plan()
    {
        var business = await app.CreateBusinessAsync(plan: "free");
        var existing = await app.RegisterAsync();
        var fresh = Api.NewEmail("lite");

        var results = (await business.Pipeback().PostAsJsonAsync("/app/invites/bulk", new { emails = new[] { existing.Email, fresh }, seat = "lite" })
            .ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray();

        // Bulk adds nobody at once (Trust II): the account gets a pending invite, and joins when it accepts it.
        results.Select(r => r!.Text("result")).ShouldBe(["invited", "invited"]);
        results[0]!["member_id"].ShouldBeNull();
        await app.As(existing.Token, business.Id).GetAsync("/app/members").ShouldAnswer(HttpStatusCode.NotFound);
        await app.As(existing.Token).PostAsync($"/app/invites/{results[0]!.Text("invite_id")}/join", null).ShouldAnswer(HttpStatusCode.OK);
        await app.As(existing.Token, business.Id).GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_list_itself_is_checked_and_only_managers_may_send_it()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (admin, _) = await business.AddMemberAsync("admin");
        var owner = business.Pipeback();

        (await owner.PostAsJsonAsync("/app/invites/bulk", new { seat = "full" }).ShouldAnswer(HttpStatusCode.UnprocessableEntity)).ShouldBeValidationError("emails");
        (await owner.PostAsJsonAsync("/app/invites/bulk", new { emails = Array.Empty<string>(), seat = "full" }).ShouldAnswer(HttpStatusCode.UnprocessableEntity))
            .ShouldBeValidationError("emails");
        (await owner.PostAsJsonAsync("/app/invites/bulk", new { emails = "a@example.com", seat = "full" }).ShouldAnswer(HttpStatusCode.UnprocessableEntity))
            .ShouldBeValidationError("emails");
        var tooMany = Enumerable.Range(0, 101).Select(_ => Api.NewEmail("many")).ToArray();
        (await owner.PostAsJsonAsync("/app/invites/bulk", new { emails = tooMany, seat = "lite" }).ShouldAnswer(HttpStatusCode.UnprocessableEntity))
            .ShouldBeValidationError("emails");
        (await owner.PostAsJsonAsync("/app/invites/bulk", new { emails = new object[] { 42, Api.NewEmail("ok") }, seat = "lite" })
            .ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray().Select(r => r!.Text("result")).ShouldBe(["invalid", "invited"]);
        await app.As(admin.Token, business.Id).PostAsJsonAsync("/app/invites/bulk", new { emails = new[] { Api.NewEmail("x") }, seat = "lite" })
            .ShouldAnswer(HttpStatusCode.Forbidden);
        await business.Client.PatchAsJsonAsync("/api/v1/team/settings", new { admins_can_invite = true }).ShouldAnswer(HttpStatusCode.OK);
        await app.As(admin.Token, business.Id).PostAsJsonAsync("/app/invites/bulk", new { emails = new[] { Api.NewEmail("x") }, seat = "lite", role = "admin" })
            .ShouldAnswer(HttpStatusCode.Forbidden);
        await app.As(admin.Token, business.Id).PostAsJsonAsync("/app/invites/bulk", new { emails = new[] { Api.NewEmail("x") }, seat = "lite" })
            .ShouldAnswer(HttpStatusCode.OK);
    }
}

public sealed class BulkInviteTestsOnSqlite(SqliteApp app) : BulkInviteTests(app), IClassFixture<SqliteApp>;

public sealed class BulkInviteTestsOnPostgres(PostgresApp app) : BulkInviteTests(app), IClassFixture<PostgresApp>;
