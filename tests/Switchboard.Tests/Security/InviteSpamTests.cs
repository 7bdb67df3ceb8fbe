using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Security;

/// <summary>
/// Trust II, "invites as a spam and lookup cannon": a throwaway Free account mailed 100 strangers a request
/// (3,000 a minute) with its own text in the subject, got around the per-recipient cap with +tags, and read from
/// bulk answers which addresses had accounts. Each attack is replayed over HTTP and must now fail. The clock is
/// the app's fake TimeProvider, moved by the test.
/// </summary>
public abstract class InviteSpamTests<TApp>(TApp app) where TApp : SwitchboardApp, IClockedApp
{
    private const string Unconfirmed = "Confirm your email address before inviting people.";

    [Fact]
    public async Task An_unconfirmed_account_cannot_send_invite_mail_single_bulk_or_resend()
    {
        var spammer = await app.RegisterAsync(name: "Spam King", confirm: false);
        var business = await app.CreateBusinessAsync(spammer);
        var targets = Enumerable.Range(0, 100).Select(_ => Api.NewEmail("stranger")).ToArray();

        (await business.Pipeback().PostAsJsonAsync("/app/invites", new { email = targets[0], seat = "lite" })
            .ShouldAnswer(HttpStatusCode.Forbidden)).ToJsonString().ShouldBe($$"""{"message":"{{Unconfirmed}}","code":"email_unconfirmed"}""");
        (await business.Pipeback().PostAsJsonAsync("/app/invites/bulk", new { emails = targets, seat = "lite" })
            .ShouldAnswer(HttpStatusCode.Forbidden)).Text("message").ShouldBe(Unconfirmed);
        // Bad input from an unconfirmed caller is still a 4xx, never a 500.
        await business.Pipeback().PostAsync("/app/invites/bulk", new StringContent("{", System.Text.Encoding.UTF8, "application/json"))
            .ShouldAnswer(HttpStatusCode.Forbidden);
        (await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.WorkspaceId == business.Id))).ShouldBe(0);
        (await app.WithDbAsync(db => db.Invites.CountAsync(i => i.WorkspaceId == business.Id))).ShouldBe(0);

        // Once confirmed, the same account may invite.
        await app.ConfirmEmailAsync(spammer.Email);
        var invite = await business.InviteAsync(targets[1], "lite");

        // Resend asks too: an account without a confirmed address (no route unconfirms one; the row is set here).
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == spammer.UserId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailVerifiedAt, (DateTime?)null)));
        (await business.Pipeback().PostAsync($"/app/invites/{invite.Id()}/resend", null)
            .ShouldAnswer(HttpStatusCode.Forbidden)).Text("message").ShouldBe(Unconfirmed);
        (await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.WorkspaceId == business.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task The_PingBack_invite_sends_no_mail_so_it_needs_no_budget()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, _) = await business.AddMemberAsync();
        (await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.WorkspaceId == business.Id
            || (m.RecipientKey == agent.Email && m.Kind != "verify_email")))).ShouldBe(0);
    }

    [Fact]
    public async Task A_free_workspace_mails_its_daily_budget_then_429_says_when_and_bulk_says_so_per_address()
    {
        var business = await app.CreateBusinessAsync(plan: "free");
        var owner = business.Pipeback();
        var targets = Enumerable.Range(0, 100).Select(_ => Api.NewEmail("bulk")).ToArray();

        // The attack: 100 strangers in one request. Twenty are mailed; the rest are told when, each on its own.
        var results = (await owner.PostAsJsonAsync("/app/invites/bulk", new { emails = targets, seat = "lite" })
            .ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray();
        results.Count(r => r!.Text("result") == "invited").ShouldBe(20);
        results.Take(20).ShouldAllBe(r => r!["result"]!.GetValue<string>() == "invited");
        foreach (var refused in results.Skip(20))
        {
            refused!.Text("result").ShouldBe("rate_limited");
            refused!["retry_after"]!.GetValue<int>().ShouldBe(24 * 3600);
            refused!.Text("message").ShouldBe("The invitation budget for today is spent. Try again in 24 hours.");
            refused!.Text("code").ShouldBe("invite_budget_spent");
            refused!["invite_id"].ShouldBeNull();
        }
        results[0]!.Keys().ShouldBe(["email", "result", "invite_id", "member_id", "retry_after", "message", "code"]);
        (await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.WorkspaceId == business.Id))).ShouldBe(20);

        // The single invite and resend answer 429 with Retry-After and words that say when.
        var single = await owner.PostAsJsonAsync("/app/invites", new { email = Api.NewEmail("single"), seat = "lite" });
        single.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        single.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromHours(24));
        (await single.ReadJsonAsync()).ToJsonString()
            .ShouldBe("""{"message":"The invitation budget for today is spent. Try again in 24 hours.","code":"invite_budget_spent"}""");
        var first = Guid.Parse(results[0]!.Text("invite_id"));
        var resend = await owner.PostAsync($"/app/invites/{first}/resend", null);
        resend.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        resend.Headers.RetryAfter.ShouldNotBeNull();
        // The single invite of an existing account is refused alike: the budget is read before the account.
        var known = await app.RegisterAsync();
        (await owner.PostAsJsonAsync("/app/invites", new { email = known.Email, seat = "lite" }).ShouldAnswer(HttpStatusCode.TooManyRequests))
            .Text("message").ShouldStartWith("The invitation budget for today is spent.");

        // Another workspace has its own budget.
        var other = await app.CreateBusinessAsync(plan: "free");
        await other.InviteAsync(Api.NewEmail("elsewhere"), "lite");

        // Twelve hours on it still waits, and says how long; a day after the first mails it may send again.
        app.Time.Advance(TimeSpan.FromHours(12));
        (await owner.PostAsJsonAsync("/app/invites", new { email = Api.NewEmail("later"), seat = "lite" }).ShouldAnswer(HttpStatusCode.TooManyRequests))
            .Text("message").ShouldBe("The invitation budget for today is spent. Try again in 12 hours.");
        app.Time.Advance(TimeSpan.FromHours(12));
        await business.InviteAsync(Api.NewEmail("next-day"), "lite");
    }

    [Fact]
    public async Task Tagged_and_cased_spellings_of_one_mailbox_share_its_cap()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var local = $"victim-{Guid.NewGuid():N}";
        for (var i = 1; i <= 6; i++)
            await business.InviteAsync(i % 2 == 0 ? $"{local.ToUpperInvariant()}+{i}@EXAMPLE.com" : $"{local}+{i}@example.com", "lite");

        var refused = await business.Pipeback().PostAsJsonAsync("/app/invites", new { email = $"{local}+7@example.com", seat = "lite" });
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromHours(1));
        (await refused.ReadJsonAsync()).Text("message").ShouldBe("Too many invitations were sent to this address. Try again in 60 minutes.");
        // The bare address, another workspace and bulk are all held to the same cap.
        await business.Pipeback().PostAsJsonAsync("/app/invites", new { email = $"{local}@example.com", seat = "lite" })
            .ShouldAnswer(HttpStatusCode.TooManyRequests);
        var other = await app.CreateBusinessAsync(plan: "pro");
        var bulk = (await other.Pipeback().PostAsJsonAsync("/app/invites/bulk", new { emails = new[] { $"{local}+8@example.com", Api.NewEmail("fine") }, seat = "lite" })
            .ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray();
        bulk.Select(r => r!.Text("result")).ShouldBe(["rate_limited", "invited"]);
        bulk[0]!["retry_after"]!.GetValue<int>().ShouldBe(3600);
        bulk[0]!.Text("message").ShouldStartWith("Too many invitations were sent to this address.");

        app.Time.Advance(TimeSpan.FromHours(1));
        await business.InviteAsync($"{local}+9@example.com", "lite");
    }

    [Fact]
    public async Task Bulk_answers_the_same_for_accounts_and_strangers_and_adds_nobody_at_once()
    {
        var business = await app.CreateBusinessAsync(plan: "free");
        var confirmed = await app.RegisterAsync(name: "Carla Confirmed");
        var unconfirmed = await app.RegisterAsync(confirm: false);
        var stranger = Api.NewEmail("stranger");

        var results = (await business.Pipeback().PostAsJsonAsync("/app/invites/bulk",
                new { emails = new[] { confirmed.Email, unconfirmed.Email, stranger }, seat = "lite" })
            .ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray();

        // Identical but for the address and the new invite's id: nothing tells the accounts apart.
        var shapes = results.Select(r =>
        {
            var copy = r!.DeepClone().AsObject();
            copy["email"] = "x";
            copy["invite_id"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
            copy["invite_id"] = "x";
            return copy.ToJsonString();
        }).Distinct().ToList();
        shapes.ShouldBe(["""{"email":"x","result":"invited","invite_id":"x","member_id":null,"retry_after":null,"message":null,"code":null}"""]);
        var mails = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.WorkspaceId == business.Id).Select(m => m.Kind).ToListAsync());
        mails.ShouldBe(["invite", "invite", "invite"]);

        // Nobody joined: the confirmed account is only a member once it accepts the invite it was mailed.
        await app.As(confirmed.Token, business.Id).GetAsync("/app/members").ShouldAnswer(HttpStatusCode.NotFound);
        await app.As(confirmed.Token).PostAsync($"/app/invites/{results[0]!.Text("invite_id")}/join", null).ShouldAnswer(HttpStatusCode.OK);
        await app.As(confirmed.Token, business.Id).GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK);

        // The single Pipeback invite keeps the seed's behaviour.
        var another = await app.RegisterAsync();
        (await business.Pipeback().PostAsJsonAsync("/app/invites", new { email = another.Email, seat = "lite" }).ShouldAnswer(HttpStatusCode.OK))
            .ToJsonString().ShouldBe("""{"message":"User already has an account and was added to the workspace automatically."}""");
    }

    [Fact]
    public async Task Workspace_and_inviter_names_are_escaped_and_capped_in_mail()
    {
        var longName = "<b>Eve</b> & \"Co\" " + new string('x', 100);
        var owner = await app.RegisterAsync(name: longName);
        var workspaceName = "<script>alert(1)</script> CHEAP PILLS visit evil.example " + new string('y', 120);
        var created = await app.As(owner.Token).PostAsJsonAsync("/api/v1/auth/business/create", new { name = workspaceName })
            .ShouldAnswer(HttpStatusCode.Created);
        var business = new Business(owner, Guid.Parse(created.Text("id")), app);
        var target = Api.NewEmail("reader");
        await business.InviteAsync(target, "lite");

        var mail = await app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == target));
        var cappedInviter = longName[..59] + "\u2026";
        var cappedWorkspace = workspaceName[..59].TrimEnd() + "\u2026";
        mail.Subject.ShouldBe($"{cappedInviter} invited you to join {cappedWorkspace} on Switchboard");
        mail.TextBody.ShouldContain($"{cappedInviter} invited you to join the {cappedWorkspace} workspace");
        mail.TextBody.ShouldNotContain(new string('y', 70));
        mail.HtmlBody.ShouldNotContain("<script>");
        mail.HtmlBody.ShouldNotContain("<b>Eve");
        mail.HtmlBody.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        mail.HtmlBody.ShouldContain("&lt;b&gt;Eve&lt;/b&gt; &amp; &quot;Co&quot;");
        mail.HtmlBody.ShouldNotContain(new string('y', 70));
    }
}

public sealed class InviteSpamTestsOnSqlite(ClockedSqliteApp app) : InviteSpamTests<ClockedSqliteApp>(app), IClassFixture<ClockedSqliteApp>;

public sealed class InviteSpamTestsOnPostgres(ClockedPostgresApp app) : InviteSpamTests<ClockedPostgresApp>(app), IClassFixture<ClockedPostgresApp>;
