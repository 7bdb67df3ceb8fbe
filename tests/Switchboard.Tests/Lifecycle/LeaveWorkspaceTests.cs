using System.Net;
using Switchboard.Domain;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Lifecycle;

/// <summary>POST /api/v1/team/leave and POST /app/members/leave: a removal the member asks for themselves.</summary>
public abstract class LeaveWorkspaceTests(SwitchboardApp app)
{
    [Fact]
    public async Task A_member_who_leaves_loses_the_workspace_their_seat_and_their_open_work()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, member) = await business.AddMemberAsync();
        var conversation = await business.OpenConversationAsync();
        await business.Client.PostAsync($"/api/v1/team/assign/{conversation}?agent_id={agent.UserId}", null).ShouldAnswer(HttpStatusCode.OK);

        (await app.As(agent.Token).PostAsync("/api/v1/team/leave", null).ShouldAnswer(HttpStatusCode.OK))
            .Text("message").ShouldBe("You left the workspace");

        (await business.BillingAsync()).AgentsUsed().ShouldBe(0);
        (await business.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray().Count.ShouldBe(1);
        (await business.Client.GetAsync($"/api/v1/conversations/{conversation}").ShouldAnswer(HttpStatusCode.OK))["assigned_agent_id"].ShouldBeNull();
        await app.As(agent.Token, business.Id).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.NotFound);
        await app.As(agent.Token).PostAsync("/api/v1/team/leave", null).ShouldAnswer(HttpStatusCode.NotFound);
        app.Events.Of<MemberRemoved>(business.Id).ShouldContain(e => e.MembershipId == member);
        (await app.AuditActionsAsync(business.Id)).ShouldContain("member.left");
    }

    [Fact]
    public async Task On_Pipeback_a_member_leaves_the_workspace_of_the_header_and_the_owner_never_leaves()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (admin, _) = await business.AddMemberAsync("admin");

        (await app.As(admin.Token, business.Id).PostAsync("/app/members/leave", null).ShouldAnswer(HttpStatusCode.OK))
            .Text("message").ShouldBe("You left the workspace");
        (await business.Pipeback().GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray().Count.ShouldBe(1);

        (await business.Client.PostAsync("/api/v1/team/leave", null).ShouldAnswer(HttpStatusCode.BadRequest))
            .Detail().ShouldBe("The owner cannot leave the workspace");
        (await business.Pipeback().PostAsync("/app/members/leave", null).ShouldAnswer(HttpStatusCode.BadRequest))
            .Text("message").ShouldBe("The owner cannot leave the workspace");
        await app.Anonymous().PostAsync("/api/v1/team/leave", null).ShouldAnswer(HttpStatusCode.Unauthorized);
    }
}

public sealed class LeaveWorkspaceTestsOnSqlite(SqliteApp app) : LeaveWorkspaceTests(app), IClassFixture<SqliteApp>;

public sealed class LeaveWorkspaceTestsOnPostgres(PostgresApp app) : LeaveWorkspaceTests(app), IClassFixture<PostgresApp>;
