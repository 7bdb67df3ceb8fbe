using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Invites;

/// <summary>DELETE /app/invites/{id} (seed: answers {}) and POST /app/invites/{id}/resend.</summary>
public abstract class ManageInviteTests(SwitchboardApp app, MailDrop mail)
{
    [Fact]
    public async Task Revoking_answers_an_empty_object_and_frees_the_pending_seat()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var first = await business.InviteAsync(Api.NewEmail("first"));
        await business.InviteAsync(Api.NewEmail("second"));
        await business.Pipeback().PostAsJsonAsync("/app/invites", new { email = Api.NewEmail(), seat = "full" })
            .ShouldAnswer(HttpStatusCode.PaymentRequired);

        (await business.Pipeback().DeleteAsync($"/app/invites/{first.Id()}").ShouldAnswer(HttpStatusCode.OK))
            .ToJsonString().ShouldBe("{}");

        await business.InviteAsync(Api.NewEmail("third"));
        (await business.Pipeback().GetAsync("/app/invites").ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray()
            .Select(i => i!.Id()).ShouldNotContain(first.Id());
    }

    [Fact]
    public async Task Revoking_is_for_inviters_of_the_workspace_only()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var other = await app.CreateBusinessAsync(plan: "pro");
        var invite = await business.InviteAsync(Api.NewEmail());
        var (agent, _) = await business.AddMemberAsync();

        await app.As(agent.Token, business.Id).DeleteAsync($"/app/invites/{invite.Id()}").ShouldAnswer(HttpStatusCode.Forbidden);
        await other.Pipeback().DeleteAsync($"/app/invites/{invite.Id()}").ShouldAnswer(HttpStatusCode.NotFound);
        await business.Pipeback().DeleteAsync("/app/invites/not-a-uuid").ShouldAnswer(HttpStatusCode.NotFound);
        await app.Anonymous().DeleteAsync($"/app/invites/{invite.Id()}").ShouldAnswer(HttpStatusCode.Unauthorized);
        await app.Anonymous().GetAsync($"/app/invites/{invite.Id()}").ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Resending_mails_the_same_link_again_and_renews_the_expiry()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("resend");
        var invite = await business.InviteAsync(email);
        var firstMail = await mail.WaitForAsync(email);
        await app.WithDbAsync(db => db.Invites.Where(i => i.Id == invite.Id())
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, app.Now.AddDays(1))));

        var body = await business.Pipeback().PostAsync($"/app/invites/{invite.Id()}/resend", null).ShouldAnswer(HttpStatusCode.OK);

        body["data"]!.Keys().ShouldBe(InviteSteps.ManagedInviteKeys, ignoreOrder: true);
        await mail.WaitForAsync(email, count: 2);
        var mails = mail.To(email);
        mails.Select(m => m.MessageId).Distinct().Count().ShouldBe(2);
        mails.Select(m => m.MessageId).ShouldContain(firstMail.MessageId);
        mails.ShouldAllBe(m => MailDrop.InviteId(m) == invite.Id());
        var row = await app.WithDbAsync(db => db.Invites.AsNoTracking().SingleAsync(i => i.Id == invite.Id()));
        row.ExpiresAt.ShouldBeGreaterThan(app.Now.AddDays(6.9));
    }

    [Fact]
    public async Task Resending_an_expired_invite_brings_its_link_back()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("revived");
        var invite = await business.InviteAsync(email);
        await app.ExpireAsync(invite.Id());
        await app.Anonymous().GetAsync($"/app/invites/{invite.Id()}").ShouldAnswer(HttpStatusCode.NotFound);

        await business.Pipeback().PostAsync($"/app/invites/{invite.Id()}/resend", null).ShouldAnswer(HttpStatusCode.OK);

        await app.Anonymous().GetAsync($"/app/invites/{invite.Id()}").ShouldAnswer(HttpStatusCode.OK);
        await app.AcceptAsync(invite.Id(), email);
    }

    [Fact]
    public async Task Resending_is_rate_limited_per_invite()
    {
        // The test apps allow two resends an hour (Invites:ResendPerHour=2).
        var business = await app.CreateBusinessAsync(plan: "mini");
        var invite = await business.InviteAsync(Api.NewEmail("flood"));
        var other = await business.InviteAsync(Api.NewEmail("calm"));

        await business.Pipeback().PostAsync($"/app/invites/{invite.Id()}/resend", null).ShouldAnswer(HttpStatusCode.OK);
        await business.Pipeback().PostAsync($"/app/invites/{invite.Id()}/resend", null).ShouldAnswer(HttpStatusCode.OK);
        var limited = await business.Pipeback().PostAsync($"/app/invites/{invite.Id()}/resend", null)
            .ShouldAnswer(HttpStatusCode.TooManyRequests);

        limited.Keys().ShouldBe(["message", "code"]);
        limited.Text("code").ShouldBe("rate_limited");
        await business.Pipeback().PostAsync($"/app/invites/{other.Id()}/resend", null).ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Resending_is_for_inviters_of_the_workspace_only()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var invite = await business.InviteAsync(Api.NewEmail());
        var (agent, _) = await business.AddMemberAsync();
        var other = await app.CreateBusinessAsync();

        await app.As(agent.Token, business.Id).PostAsync($"/app/invites/{invite.Id()}/resend", null).ShouldAnswer(HttpStatusCode.Forbidden);
        await other.Pipeback().PostAsync($"/app/invites/{invite.Id()}/resend", null).ShouldAnswer(HttpStatusCode.NotFound);
    }
}

public sealed class ManageInviteTestsOnSqlite(PickupSqliteApp app) : ManageInviteTests(app, app.Mail), IClassFixture<PickupSqliteApp>;

public sealed class ManageInviteTestsOnPostgres(PickupPostgresApp app) : ManageInviteTests(app, app.Mail), IClassFixture<PickupPostgresApp>;
