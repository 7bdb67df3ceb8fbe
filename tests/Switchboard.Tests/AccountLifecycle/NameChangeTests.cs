using System.Net;
using System.Net.Http.Json;
using System.Text;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.AccountLifecycle;

/// <summary>
/// PATCH /api/v1/auth/me {full_name}: the new name is what /me and every members list (both faces, cached reads
/// included) show at once; bad input is a clear 422 and changes nothing.
/// </summary>
public abstract class NameChangeTests<TApp>(TApp app) where TApp : SwitchboardApp
{
    [Fact]
    public async Task A_new_name_shows_at_once_on_me_and_on_every_members_list_that_was_read_before()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (agent, _) = await business.AddMemberAsync();
        var owner = app.As(business.Owner.Token, business.Id);
        // Read first, so a cached list would be the one served after the change.
        (await owner.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray()
            .ShouldContain(m => m!["name"]!.GetValue<string>() == "Alex Agent");
        (await owner.GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK)).ToJsonString().ShouldContain("Alex Agent");

        var me = app.As(agent.Token);
        var answer = await me.PatchAsJsonAsync("/api/v1/auth/me", new { full_name = "  Alexandra Agent " }).ShouldAnswer(HttpStatusCode.OK);
        answer.Text("full_name").ShouldBe("Alexandra Agent");
        answer.Text("email").ShouldBe(agent.Email);
        (await me.GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK)).Text("full_name").ShouldBe("Alexandra Agent");

        var pingback = (await owner.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).ToJsonString();
        pingback.ShouldContain("Alexandra Agent");
        pingback.ShouldNotContain("\"Alex Agent\"");
        var pipeback = (await owner.GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK)).ToJsonString();
        pipeback.ShouldContain("Alexandra Agent");
        pipeback.ShouldNotContain("\"Alex Agent\"");
    }

    [Fact]
    public async Task Bad_input_is_a_clear_422_and_changes_nothing()
    {
        var account = await app.RegisterAsync(name: "Nora Name");
        var me = app.As(account.Token);
        await app.Anonymous().PatchAsJsonAsync("/api/v1/auth/me", new { full_name = "X" }).ShouldAnswer(HttpStatusCode.Unauthorized);
        foreach (var body in new object[] { new { }, new { full_name = "" }, new { full_name = "   " }, new { full_name = 42 },
                     new { full_name = new string('n', 256) } })
            (await me.PatchAsJsonAsync("/api/v1/auth/me", body).ShouldAnswer(HttpStatusCode.UnprocessableEntity))
                .ToJsonString().ShouldContain("full_name");
        await me.PatchAsync("/api/v1/auth/me", new StringContent("{not json", Encoding.UTF8, "application/json"))
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        (await me.GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK)).Text("full_name").ShouldBe("Nora Name");
    }
}

public sealed class NameChangeTestsOnSqlite(SqliteApp app) : NameChangeTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class NameChangeTestsOnPostgres(PostgresApp app) : NameChangeTests<PostgresApp>(app), IClassFixture<PostgresApp>;
