using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;
using Switchboard.Tests.Lifecycle;

namespace Switchboard.Tests.Security;

/// <summary>
/// The TrustTwo migration on a database the last release wrote: every account, token, membership, pending invite
/// and invite link still works; an address the last release confirmed only because its account accepted an invite
/// is unconfirmed again, and one confirmed through the mailed link stays confirmed.
/// </summary>
public abstract class TrustTwoUpgradeTests(SwitchboardApp app)
{
    [Fact]
    public async Task Accounts_tokens_memberships_and_links_survive_and_invite_confirmations_are_undone()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (agent, _) = await business.AddMemberAsync();
        var acceptedEmail = Api.NewEmail("accepted");
        var acceptedInvite = await business.InviteAsync(acceptedEmail);
        var acceptedToken = await app.AcceptAsync(acceptedInvite.Id(), acceptedEmail);
        var pendingEmail = Api.NewEmail("pending");
        var pending = await business.InviteAsync(pendingEmail);
        var link = (await business.CreateLinkAsync(uses: 5)).Text("token");

        // What the last release stored for the accepted account: its address confirmed at the accept's own instant.
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.NormalizedEmail == acceptedEmail.ToLowerInvariant());
            var acceptedAt = await db.AuditEvents.Where(a => a.Action == "invite.accepted" && a.ActorUserId == user.Id)
                .Select(a => a.CreatedAt).SingleAsync();
            return await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailVerifiedAt, acceptedAt));
        });

        await app.WithDbAsync(async db =>
        {
            await db.GetService<IMigrator>().MigrateAsync("Lifecycle");
            (await db.Database.GetAppliedMigrationsAsync()).ShouldNotContain(m => m.EndsWith("_TrustTwo"));
            await db.Database.MigrateAsync();
            return 0;
        });

        // The invite accept proved no mailbox: unconfirmed again, still signed in; the mailed link confirms it.
        (await app.As(acceptedToken).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK))["email_verified"]!.GetValue<bool>()
            .ShouldBeFalse();
        await app.As(acceptedToken).PostAsync("/api/v1/auth/verify-email/resend", null).ShouldAnswer(HttpStatusCode.OK);
        await app.ConfirmEmailAsync(acceptedEmail);
        // Mailbox-confirmed accounts, their tokens and memberships are as they were.
        (await app.As(agent.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK))["email_verified"]!.GetValue<bool>()
            .ShouldBeTrue();
        await app.As(agent.Token, business.Id).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);
        await app.As(acceptedToken, business.Id).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);
        (await app.Anonymous().GetAsync($"/app/invites/{pending.Id()}").ShouldAnswer(HttpStatusCode.OK))["data"]!.Text("email")
            .ShouldBe(pendingEmail);
        await app.AcceptAsync(pending.Id(), pendingEmail);
        await app.JoinLinkAsync(await app.RegisterAsync(), link).ShouldAnswer(HttpStatusCode.OK);
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = agent.Email, password = "correct-horse" })
            .ShouldAnswer(HttpStatusCode.OK);
    }
}

public sealed class TrustTwoUpgradeTestsOnSqlite(SqliteApp app) : TrustTwoUpgradeTests(app), IClassFixture<SqliteApp>;

public sealed class TrustTwoUpgradeTestsOnPostgres(PostgresApp app) : TrustTwoUpgradeTests(app), IClassFixture<PostgresApp>;
