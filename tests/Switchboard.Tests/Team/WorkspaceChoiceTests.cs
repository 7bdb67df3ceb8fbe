using System.Net;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Team;

/// <summary>
/// Without x-workspace-id a request acts in the workspace the caller owns: still so for a user who belongs to more
/// workspaces than the resolver reads at once (it reads owned ones first).
/// </summary>
public abstract class WorkspaceChoiceTests(SwitchboardApp app)
{
    [Fact]
    public async Task A_member_of_more_than_fifty_workspaces_still_acts_in_the_one_they_own_without_a_header()
    {
        var user = await app.RegisterAsync(name: "Busy Agent");
        for (var i = 0; i < 52; i++)
        {
            var other = await app.CreateBusinessAsync(plan: "mini");
            await other.Client.PostAsync($"/api/v1/team/invite?email={Uri.EscapeDataString(user.Email)}&role=agent", null)
                .ShouldAnswer(HttpStatusCode.OK);
        }
        await app.CreateBusinessAsync(user);

        var members = await app.As(user.Token).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);
        members.AsArray().Single()!["role"]!.GetValue<string>().ShouldBe("owner");
    }
}

public sealed class WorkspaceChoiceTestsOnSqlite(SqliteApp app) : WorkspaceChoiceTests(app), IClassFixture<SqliteApp>;

public sealed class WorkspaceChoiceTestsOnPostgres(PostgresApp app) : WorkspaceChoiceTests(app), IClassFixture<PostgresApp>;
