using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Email;

/// <summary>
/// Mail through a real SMTP server (tests/smtp-sink, a child process). The fixture's own app writes the
/// outbox only; each test starts the sending app(s) it needs on the same database.
/// </summary>
public abstract class SmtpDeliveryTests(SwitchboardApp app) : IDisposable
{
    private readonly string _folder = MailSettings.NewFolder("smtp");

    public void Dispose()
    {
        MailSettings.DeleteFolder(_folder);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task The_invite_mail_arrives_over_SMTP_with_the_accept_link()
    {
        await using var sink = await SmtpSink.StartAsync(SmtpSink.FreePort(), _folder);
        await using var node = Sending(sink.Port);
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("invitee");

        var created = await Client(node, business.Owner.Token, business.Id)
            .PostAsJsonAsync("/app/invites", new { email, seat = "full" }).ShouldAnswer(HttpStatusCode.Created);

        var mail = await sink.Mail.WaitForAsync(email);
        var inviteId = Guid.Parse(created["data"]!["id"]!.GetValue<string>());
        MailDrop.InviteId(mail).ShouldBe(inviteId);
        (mail.HtmlBody ?? "").ShouldContain($"{MailSettings.BaseUrl}/invite/{inviteId}");
        mail.Subject.ShouldBe("Olivia Owner invited you to join Acme Support on Switchboard");
        mail.MessageId.ShouldBe((await OutboxRowAsync(email)).MessageId);
    }

    [Fact]
    public async Task With_the_SMTP_server_down_the_mail_arrives_exactly_once_after_it_comes_back()
    {
        var port = SmtpSink.FreePort();
        await using var node = Sending(port);
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("patient");

        await Client(node, business.Owner.Token, business.Id)
            .PostAsJsonAsync("/app/invites", new { email, seat = "full" }).ShouldAnswer(HttpStatusCode.Created);
        await Polling.UntilAsync(async () => (await OutboxRowAsync(email)).Attempts >= 2, "two failed attempts");
        var failing = await OutboxRowAsync(email);
        failing.SentAt.ShouldBeNull();
        failing.LastError.ShouldNotBeNullOrEmpty();

        await using var sink = await SmtpSink.StartAsync(port, _folder);
        var mail = await sink.Mail.WaitForAsync(email);
        await Polling.UntilAsync(async () => (await OutboxRowAsync(email)).SentAt is not null, "the row marked sent");

        sink.Mail.To(email).Count.ShouldBe(1);
        mail.MessageId.ShouldBe(failing.MessageId);
    }

    [Fact]
    public async Task A_restart_between_commit_and_send_loses_nothing()
    {
        await using var sink = await SmtpSink.StartAsync(SmtpSink.FreePort(), _folder);
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("survivor");

        // The first process commits the invite and its mail, then stops before any dispatcher ran.
        var first = app.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in MailSettings.Smtp(sink.Port)) b.UseSetting(key, value);
            b.UseSetting("Email:DispatcherEnabled", "false");
        });
        await Client(first, business.Owner.Token, business.Id)
            .PostAsJsonAsync("/app/invites", new { email, seat = "full" }).ShouldAnswer(HttpStatusCode.Created);
        await first.DisposeAsync();
        (await OutboxRowAsync(email)).SentAt.ShouldBeNull();
        sink.Mail.To(email).ShouldBeEmpty();

        await using var second = Sending(sink.Port);
        _ = second.Services; // starting the host starts its dispatcher
        await sink.Mail.WaitForAsync(email);
        await Polling.UntilAsync(async () => (await OutboxRowAsync(email)).SentAt is not null, "the row marked sent");
        sink.Mail.To(email).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_claim_left_by_a_crashed_sender_expires_and_the_mail_still_goes_once()
    {
        await using var sink = await SmtpSink.StartAsync(SmtpSink.FreePort(), _folder);
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("orphan");
        await app.As(business.Owner.Token, business.Id)
            .PostAsJsonAsync("/app/invites", new { email, seat = "full" }).ShouldAnswer(HttpStatusCode.Created);
        // As if a dispatcher had claimed the row for a second and died mid-send.
        await app.WithDbAsync(db => db.Outbox.Where(m => m.To == email).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.ClaimedUntil, app.Now.AddSeconds(1))
            .SetProperty(m => m.Attempts, 1)));

        await using var node = Sending(sink.Port);
        _ = node.Services;
        await sink.Mail.WaitForAsync(email);
        await Polling.UntilAsync(async () => (await OutboxRowAsync(email)).SentAt is not null, "the row marked sent");
        sink.Mail.To(email).Count.ShouldBe(1);
        (await OutboxRowAsync(email)).Attempts.ShouldBe(2);
    }

    [Fact]
    public async Task Full_flow_create_read_the_link_from_the_mail_open_it_accept_and_the_token_lists_the_members()
    {
        await using var sink = await SmtpSink.StartAsync(SmtpSink.FreePort(), _folder);
        await using var node = Sending(sink.Port);
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("newcomer");
        await Client(node, business.Owner.Token, business.Id)
            .PostAsJsonAsync("/app/invites", new { email, seat = "full" }).ShouldAnswer(HttpStatusCode.Created);

        var inviteId = MailDrop.InviteId(await sink.Mail.WaitForAsync(email));
        var anonymous = Client(node);
        var shown = await anonymous.GetAsync($"/app/invites/{inviteId}").ShouldAnswer(HttpStatusCode.OK);
        shown["data"]!["email"]!.GetValue<string>().ShouldBe(email);
        shown["data"]!["workspace"]!["name"]!.GetValue<string>().ShouldBe("Acme Support");

        var accepted = await anonymous.PostAsJsonAsync($"/app/invites/{inviteId}", new
        {
            email, name = "New User", password = "secure_password_123", password_confirmation = "secure_password_123",
        }).ShouldAnswer(HttpStatusCode.OK);
        var token = accepted["token"]!.GetValue<string>();

        var pingBack = await Client(node, token, business.Id).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);
        pingBack.AsArray().Select(m => m!["email"]!.GetValue<string>()).ShouldBe([business.Owner.Email, email], ignoreOrder: true);
        var pipeback = await Client(node, token, business.Id).GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK);
        pipeback["data"]!.AsArray().Select(m => m!["email"]!.GetValue<string>()).ShouldBe([business.Owner.Email, email], ignoreOrder: true);
        var welcome = await sink.Mail.WaitForAsync(email, kind: "welcome");
        welcome.Subject.ShouldBe("Welcome to Acme Support on Switchboard");
    }

    private WebApplicationFactory<Program> Sending(int smtpPort) => app.WithWebHostBuilder(b =>
    {
        foreach (var (key, value) in MailSettings.Smtp(smtpPort)) b.UseSetting(key, value);
        b.UseSetting("Email:DispatcherEnabled", "true");
    });

    private static HttpClient Client(WebApplicationFactory<Program> node, string? token = null, Guid? workspaceId = null)
    {
        var client = node.CreateClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (workspaceId is { } id) client.DefaultRequestHeaders.Add("x-workspace-id", id.ToString());
        return client;
    }

    private Task<OutboxMessage> OutboxRowAsync(string to) =>
        app.WithDbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.To == to && m.Kind == "invite"));
}

public sealed class SmtpDeliveryTestsOnSqlite(OutboxOnlySqliteApp app) : SmtpDeliveryTests(app), IClassFixture<OutboxOnlySqliteApp>;

public sealed class SmtpDeliveryTestsOnPostgres(OutboxOnlyPostgresApp app) : SmtpDeliveryTests(app), IClassFixture<OutboxOnlyPostgresApp>;
