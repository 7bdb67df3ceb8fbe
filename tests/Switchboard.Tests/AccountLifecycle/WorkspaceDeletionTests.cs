using System.Net;
using System.Net.Http.Json;
using Switchboard.Domain;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;
using Switchboard.Tests.Realtime;

namespace Switchboard.Tests.AccountLifecycle;

/// <summary>
/// DELETE /api/v1/business {name}: the owner, typing the exact name, deletes the workspace and every row of it; its live
/// sockets close; other workspaces and the members' accounts stay. Over real Kestrel and WebSocket, SQLite and PostgreSQL.
/// </summary>
public abstract class WorkspaceDeletionTests<TApp>(TApp app) where TApp : SwitchboardApp, IRealtimeTestApp
{
    [Fact]
    public async Task The_owner_deletes_the_business_by_its_exact_name_and_no_row_of_it_remains()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, _) = await business.AddMemberAsync();
        var other = await app.CreateBusinessAsync(agent, plan: "mini");
        var conversation = await business.OpenConversationAsync();
        await business.Client.PostAsync($"/api/v1/team/assign/{conversation}?agent_id={agent.UserId}", null).ShouldAnswer(HttpStatusCode.OK);
        await business.Pipeback().PostAsJsonAsync("/app/invites", new { email = Api.NewEmail("pending"), seat = "lite" })
            .ShouldAnswer(HttpStatusCode.Created);
        await app.As(business.Owner.Token, business.Id).PostAsJsonAsync("/app/invite-links", new { seat = "lite" })
            .ShouldAnswer(HttpStatusCode.Created);
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { mode = "auto" }).ShouldAnswer(HttpStatusCode.OK);
        (await app.RowsOfWorkspaceAsync(business.Id)).NonZero().Count().ShouldBeGreaterThan(5);
        var othersBefore = await app.RowsOfWorkspaceAsync(other.Id);

        (await business.DeleteBusinessAsync("Acme").ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldContain("exact name");
        (await business.DeleteBusinessAsync("acme support").ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldContain("exact name");
        await business.Client.GetAsync("/api/v1/business").ShouldAnswer(HttpStatusCode.OK);

        using var socket = await RawSocket.ConnectAsync(app, agent.Token, business.Id);
        await business.DeleteBusinessAsync("Acme Support").ShouldAnswer(HttpStatusCode.NoContent);

        (await app.RowsOfWorkspaceAsync(business.Id)).NonZero().ShouldBeEmpty();
        (await app.RowsOfWorkspaceAsync(other.Id)).ShouldBe(othersBefore);
        var heard = await RawSocket.UntilClosedAsync(socket, TimeSpan.FromSeconds(2));
        heard.ShouldContain(m => m.StartsWith("42[\"workspace_deleted\"", StringComparison.Ordinal));
        app.Events.Of<WorkspaceDeleted>(business.Id).Count.ShouldBe(1);

        await app.As(agent.Token, business.Id).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.NotFound);
        await business.Client.GetAsync("/api/v1/business").ShouldAnswer(HttpStatusCode.NotFound);
        // The accounts stay, and so does the member's own workspace.
        (await app.As(business.Owner.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK))["businesses"]!.AsArray().Count.ShouldBe(0);
        await app.As(agent.Token, other.Id).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Only_the_owner_may_delete_and_bad_input_is_a_clear_4xx()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (admin, _) = await business.AddMemberAsync("admin");
        (await app.As(admin.Token, business.Id).DeleteJsonAsync("/api/v1/business", new { name = "Acme Support" })
            .ShouldAnswer(HttpStatusCode.Forbidden)).Detail().ShouldContain("owner");
        await business.Client.DeleteAsync("/api/v1/business").ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await business.Client.DeleteJsonAsync("/api/v1/business", new { name = 7 }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await business.Client.DeleteJsonAsync("/api/v1/business", new { name = "" }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await app.Anonymous().DeleteJsonAsync("/api/v1/business", new { name = "Acme Support" }).ShouldAnswer(HttpStatusCode.Unauthorized);
        await business.Client.GetAsync("/api/v1/business").ShouldAnswer(HttpStatusCode.OK);
    }
}

public sealed class WorkspaceDeletionTestsOnSqlite(RealtimeSqliteApp app) : WorkspaceDeletionTests<RealtimeSqliteApp>(app), IClassFixture<RealtimeSqliteApp>;

public sealed class WorkspaceDeletionTestsOnPostgres(RealtimePostgresApp app) : WorkspaceDeletionTests<RealtimePostgresApp>(app), IClassFixture<RealtimePostgresApp>;
