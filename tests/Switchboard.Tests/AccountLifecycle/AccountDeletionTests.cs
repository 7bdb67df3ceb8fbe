using System.Net;
using System.Net.Http.Json;
using Switchboard.Domain;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;
using Switchboard.Tests.Realtime;

namespace Switchboard.Tests.AccountLifecycle;

/// <summary>
/// DELETE /api/v1/auth/me {password}: refused while the account owns a team with others in it; otherwise every
/// membership ends through the removal rule, workspaces owned alone go, every token and socket dies at once, the
/// address is free again and audit rows stay under "deleted user". Real Kestrel and WebSocket, SQLite and PostgreSQL.
/// </summary>
public abstract class AccountDeletionTests<TApp>(TApp app) where TApp : SwitchboardApp, IRealtimeTestApp
{
    [Fact]
    public async Task Deleting_an_account_leaves_every_workspace_ends_every_token_and_frees_the_address()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, member) = await business.AddMemberAsync();
        var own = await app.CreateBusinessAsync(agent);
        var conversation = await business.OpenConversationAsync();
        await business.Client.PostAsync($"/api/v1/team/assign/{conversation}?agent_id={agent.UserId}", null).ShouldAnswer(HttpStatusCode.OK);
        var second = (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = agent.Email, password = "correct-horse" })
            .ShouldAnswer(HttpStatusCode.OK)).Text("access_token");
        using var socket = await RawSocket.ConnectAsync(app, second, business.Id);

        await app.DeleteAccountAsync(agent).ShouldAnswer(HttpStatusCode.NoContent);

        // Every token is dead at once, and the live socket is closed.
        await app.As(agent.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.Unauthorized);
        await app.As(second).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.Unauthorized);
        (await RawSocket.UntilClosedAsync(socket, TimeSpan.FromSeconds(2))).ShouldNotBeEmpty();
        // Their open work went back to the queue; the team lost the member through the one removal rule.
        (await business.Client.GetAsync($"/api/v1/conversations/{conversation}").ShouldAnswer(HttpStatusCode.OK))["assigned_agent_id"].ShouldBeNull();
        (await business.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
        app.Events.Of<MemberRemoved>(business.Id).ShouldContain(e => e.MembershipId == member);
        // Nothing of the account or of the workspace it owned alone remains.
        (await app.RowsOfUserAsync(agent.UserId)).NonZero().ShouldBeEmpty();
        (await app.RowsOfWorkspaceAsync(own.Id)).NonZero().ShouldBeEmpty();
        // The audit trail keeps the rows, under "deleted user".
        var audit = await business.Client.GetAsync("/api/v1/team/audit?action=member.account_deleted").ShouldAnswer(HttpStatusCode.OK);
        var row = audit["items"]!.AsArray().ShouldHaveSingleItem()!;
        row["actor_id"]!.GetValue<string>().ShouldBe(agent.UserId.ToString());
        row.Text("actor_name").ShouldBe("deleted user");
        // The address is free for a new account; the old password opens nothing.
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = agent.Email, password = "correct-horse" })
            .ShouldAnswer(HttpStatusCode.Unauthorized);
        await app.RegisterAsync(agent.Email, confirm: false);
    }

    [Fact]
    public async Task An_owner_whose_team_has_others_is_refused_409_and_nothing_changes()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, _) = await business.AddMemberAsync();

        var refused = await app.DeleteAccountAsync(business.Owner).ShouldAnswer(HttpStatusCode.Conflict);
        refused.Detail().ShouldContain("transfer its ownership or delete it");
        (await app.DeleteAccountAsync(business.Owner, "not-my-password").ShouldAnswer(HttpStatusCode.BadRequest))
            .Detail().ShouldContain("password is not correct");
        await app.As(business.Owner.Token).DeleteAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await app.As(business.Owner.Token).DeleteJsonAsync("/api/v1/auth/me", new { password = 12 }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await app.Anonymous().DeleteJsonAsync("/api/v1/auth/me", new { password = "correct-horse" }).ShouldAnswer(HttpStatusCode.Unauthorized);

        (await app.RowsOfUserAsync(business.Owner.UserId))["users"].ShouldBe(1);
        await business.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);
        await app.As(agent.Token, business.Id).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);

        // Once the team is handed over, the former owner may go.
        await business.TransferAsync(agent.UserId).ShouldAnswer(HttpStatusCode.OK);
        await app.DeleteAccountAsync(business.Owner).ShouldAnswer(HttpStatusCode.NoContent);
        (await app.As(agent.Token, business.Id).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
    }
}

public sealed class AccountDeletionTestsOnSqlite(RealtimeSqliteApp app) : AccountDeletionTests<RealtimeSqliteApp>(app), IClassFixture<RealtimeSqliteApp>;

public sealed class AccountDeletionTestsOnPostgres(RealtimePostgresApp app) : AccountDeletionTests<RealtimePostgresApp>(app), IClassFixture<RealtimePostgresApp>;
