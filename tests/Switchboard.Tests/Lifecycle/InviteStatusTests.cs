using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Lifecycle;

/// <summary>
/// Invites kept as history: GET /app/invites shows role, status, inviter and expiry and filters by status;
/// used and revoked links still answer 404; expired invites can be resent.
/// </summary>
public abstract class InviteStatusTests(SwitchboardApp app)
{
    private static async Task<List<(string Email, string Status)>> ListAsync(Business business, string query = "")
    {
        var body = await business.Pipeback().GetAsync("/app/invites" + query).ShouldAnswer(HttpStatusCode.OK);
        return body["data"]!.AsArray().Select(i => (i!.Text("email"), i.Text("status"))).ToList();
    }

    [Fact]
    public async Task Each_invite_carries_what_a_manager_needs_and_the_list_filters_by_status()
    {
        var owner = await app.RegisterAsync(name: "Olivia Owner");
        var business = await app.CreateBusinessAsync(owner, plan: "pro");
        var pending = Api.NewEmail("pending");
        var expired = Api.NewEmail("expired");
        var revoked = Api.NewEmail("revoked");
        var accepted = Api.NewEmail("accepted");
        var invite = await business.InviteAsync(pending, "full", "admin");
        await app.ExpireAsync((await business.InviteAsync(expired)).Id());
        var toRevoke = await business.InviteAsync(revoked);
        await business.Pipeback().DeleteAsync($"/app/invites/{toRevoke.Id()}").ShouldAnswer(HttpStatusCode.OK);
        var toAccept = await business.InviteAsync(accepted);
        await app.AcceptAsync(toAccept.Id(), accepted);

        var listed = (await business.Pipeback().GetAsync("/app/invites").ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray().Single()!;
        listed.Keys().ShouldBe(InviteSteps.ManagedInviteKeys, ignoreOrder: true);
        listed.Text("email").ShouldBe(pending);
        listed.Text("role").ShouldBe("admin");
        listed.Text("status").ShouldBe("pending");
        listed["invited_by"]!.Text("id").ShouldBe(owner.UserId.ToString());
        listed["invited_by"]!.Text("name").ShouldBe("Olivia Owner");
        listed.Text("expires_at").ShouldBeInviteTimestamp();
        listed.Id().ShouldBe(invite.Id());

        (await ListAsync(business, "?status=expired")).ShouldBe([(expired, "expired")]);
        (await ListAsync(business, "?status=revoked")).ShouldBe([(revoked, "revoked")]);
        (await ListAsync(business, "?status=accepted")).ShouldBe([(accepted, "accepted")]);
        (await ListAsync(business, "?status=pending")).ShouldBe([(pending, "pending")]);
        (await ListAsync(business, "?status=all")).Count.ShouldBe(4);
        (await business.Pipeback().GetAsync("/app/invites?status=gone").ShouldAnswer(HttpStatusCode.UnprocessableEntity)).ShouldBeValidationError("status");

        // A used or revoked link answers exactly as a deleted one did.
        foreach (var id in new[] { toRevoke.Id(), toAccept.Id() })
        {
            await app.Anonymous().GetAsync($"/app/invites/{id}").ShouldAnswer(HttpStatusCode.NotFound);
            await app.Anonymous().PostAsJsonAsync($"/app/invites/{id}", InviteSteps.Acceptance(accepted)).ShouldAnswer(HttpStatusCode.NotFound);
            await business.Pipeback().PostAsync($"/app/invites/{id}/resend", null).ShouldAnswer(HttpStatusCode.NotFound);
            await business.Pipeback().DeleteAsync($"/app/invites/{id}").ShouldAnswer(HttpStatusCode.NotFound);
        }
        // The revoked address can be invited again: history does not block a new pending invite.
        await business.InviteAsync(revoked);
    }

    [Fact]
    public async Task Open_invites_come_one_page_at_a_time_newest_first_with_the_total_however_long_the_history()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var first = Api.NewEmail("first");
        var expired = Api.NewEmail("expired");
        var newest = Api.NewEmail("newest");
        await business.InviteAsync(first, "lite");
        await app.ExpireAsync((await business.InviteAsync(expired, "lite")).Id());
        var revoked = await business.InviteAsync(Api.NewEmail("revoked"), "lite");
        await business.Pipeback().DeleteAsync($"/app/invites/{revoked.Id()}").ShouldAnswer(HttpStatusCode.OK);
        await business.InviteAsync(newest, "lite");

        var page1 = await business.Pipeback().GetAsync("/app/invites?status=open&sort=-created&page_size=2").ShouldAnswer(HttpStatusCode.OK);
        page1.Keys().ShouldBe(["data", "meta"], ignoreOrder: true);
        page1["data"]!.AsArray().Select(i => (i!.Text("email"), i.Text("status"))).ShouldBe([(newest, "pending"), (expired, "expired")]);
        page1["meta"]!.ToJsonString().ShouldBe("""{"current_page":1,"last_page":2,"per_page":2,"total":3}""");
        var page2 = await business.Pipeback().GetAsync("/app/invites?status=open&sort=-created&page_size=2&page=2").ShouldAnswer(HttpStatusCode.OK);
        page2["data"]!.AsArray().Select(i => i!.Text("email")).ShouldBe([first]);
        // Past the last page: no rows, the same total.
        var beyond = await business.Pipeback().GetAsync("/app/invites?status=open&page=9").ShouldAnswer(HttpStatusCode.OK);
        beyond["data"]!.AsArray().Count.ShouldBe(0);
        beyond["meta"]!["total"]!.GetValue<int>().ShouldBe(3);

        foreach (var bad in new[] { "page=0", "page_size=101", "page=x", "sort=email" })
        {
            var field = bad[..bad.IndexOf('=')];
            (await business.Pipeback().GetAsync($"/app/invites?status=open&{bad}").ShouldAnswer(HttpStatusCode.UnprocessableEntity))
                .ShouldBeValidationError(field);
        }
    }

    [Fact]
    public async Task An_expired_invite_can_be_resent_which_renews_it_and_holds_its_seat_again()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("late");
        var invite = await business.InviteAsync(email);
        await app.ExpireAsync(invite.Id());
        await app.WithDbAsync(db => db.Invites.Where(i => i.Id == invite.Id())
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InviteStatus.Expired)));
        (await business.BillingAsync()).AgentsUsed().ShouldBe(0);

        var resent = (await business.Pipeback().PostAsync($"/app/invites/{invite.Id()}/resend", null).ShouldAnswer(HttpStatusCode.OK))["data"]!;

        resent.Text("status").ShouldBe("pending");
        (await ListAsync(business)).ShouldBe([(email, "pending")]);
        (await business.BillingAsync()).AgentsUsed().ShouldBe(1);
        await app.Anonymous().GetAsync($"/app/invites/{invite.Id()}").ShouldAnswer(HttpStatusCode.OK);
    }
}

public sealed class InviteStatusTestsOnSqlite(SqliteApp app) : InviteStatusTests(app), IClassFixture<SqliteApp>;

public sealed class InviteStatusTestsOnPostgres(PostgresApp app) : InviteStatusTests(app), IClassFixture<PostgresApp>;

/// <summary>The daily sweep on a fake clock: overdue pending invites become expired rows, never deleted.</summary>
public abstract class InviteExpirySweepTests<TApp>(TApp app) where TApp : SwitchboardApp, IClockedApp
{
    [Fact]
    public async Task A_day_after_an_invite_expires_the_sweep_has_marked_it_expired_and_kept_it()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var invite = await business.InviteAsync(Api.NewEmail("sweep"));
        var live = await business.InviteAsync(Api.NewEmail("live"));
        await app.ExpireAsync(invite.Id());

        Task<InviteStatus> StatusAsync(Guid id) =>
            app.WithDbAsync(db => db.Invites.AsNoTracking().Where(i => i.Id == id).Select(i => i.Status).SingleAsync());

        (await StatusAsync(invite.Id())).ShouldBe(InviteStatus.Pending);
        app.Time.Advance(TimeSpan.FromHours(24));
        await Polling.UntilAsync(async () => await StatusAsync(invite.Id()) == InviteStatus.Expired, "the sweep to mark the invite expired");
        // The sweep only touches what is overdue: the other invite had days left when it ran.
        (await StatusAsync(live.Id())).ShouldBe(InviteStatus.Pending);
    }
}

public sealed class InviteExpirySweepTestsOnSqlite(ClockedSqliteApp app) : InviteExpirySweepTests<ClockedSqliteApp>(app), IClassFixture<ClockedSqliteApp>;

public sealed class InviteExpirySweepTestsOnPostgres(ClockedPostgresApp app) : InviteExpirySweepTests<ClockedPostgresApp>(app), IClassFixture<ClockedPostgresApp>;
