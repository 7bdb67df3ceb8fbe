using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Security;

/// <summary>Invites cannot be used to learn who has an account, nor to flood someone's inbox.</summary>
public abstract class InviteAbuseTests(SwitchboardApp app)
{
    [Fact]
    public async Task A_full_plan_answers_the_same_for_known_and_unknown_addresses()
    {
        var business = await app.CreateBusinessAsync(plan: "free");
        var known = await app.RegisterAsync();
        var forKnown = await business.Client.PostAsync($"/api/v1/team/invite?email={known.Email}", null)
            .ShouldAnswer(HttpStatusCode.PaymentRequired);
        var forUnknown = await business.Client.PostAsync($"/api/v1/team/invite?email={Api.NewEmail("ghost")}", null)
            .ShouldAnswer(HttpStatusCode.PaymentRequired);
        forKnown.ToJsonString().ShouldBe(forUnknown.ToJsonString());
    }

    [Fact]
    public async Task Creating_and_revoking_one_address_in_a_loop_stops_mailing_it()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var target = Api.NewEmail("victim");
        for (var i = 0; i < 6; i++)
        {
            var invite = await business.InviteAsync(target, "lite");
            await business.Pipeback().DeleteAsync($"/app/invites/{invite.Id()}").ShouldAnswer(HttpStatusCode.OK);
        }
        var refused = await business.Pipeback().PostAsJsonAsync("/app/invites", new { email = target.ToUpperInvariant(), seat = "lite" });
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        (await refused.ReadJsonAsync()).Text("message").ShouldStartWith("Too many invitations were sent to this address. Try again in");

        // Another workspace cannot reset the count either.
        var other = await app.CreateBusinessAsync(plan: "pro");
        await other.Pipeback().PostAsJsonAsync("/app/invites", new { email = target, seat = "lite" }).ShouldAnswer(HttpStatusCode.TooManyRequests);
        (await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.To == target))).ShouldBe(6);
        // Other addresses are not affected.
        await business.InviteAsync(Api.NewEmail("someone-else"), "lite");
    }

    [Fact]
    public async Task Names_in_mail_lose_their_bidi_and_control_characters()
    {
        var owner = await app.RegisterAsync(name: "Eve \u202Egnp.exe\u202C Admin\u200B");
        var business = await app.CreateBusinessAsync(owner, plan: "pro");
        var target = Api.NewEmail("reader");
        await business.InviteAsync(target, "lite");
        var mail = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == target));
        foreach (var text in new[] { mail.Subject, mail.TextBody, mail.HtmlBody })
        {
            text.ShouldNotContain("\u202E");
            text.ShouldNotContain("\u200B");
        }
        mail.Subject.ShouldStartWith("Eve gnp.exe Admin invited you");
    }
}

public sealed class InviteAbuseTestsOnSqlite(SqliteApp app) : InviteAbuseTests(app), IClassFixture<SqliteApp>;

public sealed class InviteAbuseTestsOnPostgres(PostgresApp app) : InviteAbuseTests(app), IClassFixture<PostgresApp>;
