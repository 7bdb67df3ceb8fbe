using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Lifecycle;

/// <summary>
/// The Pipeback routes of the member lifecycle against every kind of caller (the PingBack ones are in
/// Team/RoleMatrixTests): the owner, an admin and an agent (admins_can_invite off), a stranger (a member of
/// another workspace naming this one in x-workspace-id) and nobody. Each case gets a fresh workspace.
/// </summary>
public abstract class LifecycleRoleMatrixTests(SwitchboardApp app)
{
    public enum Who { Owner, Admin, Agent, Stranger, Anonymous }

    private sealed record Scene(Business Business, Account Admin, Account Agent, Guid OtherAgentMember, Guid Link, string Token, Account Stranger);

    // route → expected status for Owner, Admin, Agent, Stranger, Anonymous
    private static readonly Dictionary<string, int[]> Expectations = new()
    {
        ["POST /app/members/{member}/suspend"] = [200, 403, 403, 404, 401],
        ["POST /app/members/{member}/restore"] = [200, 403, 403, 404, 401],
        ["POST /app/members/leave"] = [400, 200, 200, 404, 401],
        ["GET /app/invites?status=all"] = [200, 403, 403, 404, 401],
        ["POST /app/invites/bulk"] = [200, 403, 403, 404, 401],
        ["GET /app/invite-links"] = [200, 403, 403, 404, 401],
        ["POST /app/invite-links"] = [201, 403, 403, 404, 401],
        ["DELETE /app/invite-links/{link}"] = [200, 403, 403, 404, 401],
        // Not workspace-scoped: members are already members (422); anyone else signed in and confirmed joins.
        ["POST /app/invite-links/join"] = [422, 422, 422, 200, 401],
    };

    public static TheoryData<string, Who> Cases()
    {
        var data = new TheoryData<string, Who>();
        foreach (var route in Expectations.Keys)
            foreach (var who in Enum.GetValues<Who>())
                data.Add(route, who);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Route_answers_each_caller_as_the_permission_table_says(string route, Who who)
    {
        var scene = await SetUpAsync();
        var expected = Expectations[route][(int)who];
        var id = scene.Business.Id;
        var client = who switch
        {
            Who.Owner => app.As(scene.Business.Owner.Token, id),
            Who.Admin => app.As(scene.Admin.Token, id),
            Who.Agent => app.As(scene.Agent.Token, id),
            Who.Stranger => app.As(scene.Stranger.Token, id),
            _ => app.Anonymous(),
        };
        var (method, template) = (route.Split(' ')[0], route.Split(' ')[1]);
        var path = template.Replace("{member}", scene.OtherAgentMember.ToString()).Replace("{link}", scene.Link.ToString());
        object? body = route switch
        {
            "POST /app/invites/bulk" => new { emails = new[] { Api.NewEmail("bulk") }, seat = "lite" },
            "POST /app/invite-links" => new { seat = "full" },
            "POST /app/invite-links/join" => new { token = scene.Token },
            _ => null,
        };
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : JsonContent.Create(body) };

        var response = await client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(expected, $"{route} as {who}: {text}");
        var json = JsonNode.Parse(text)!;
        if (expected >= 400) json["message"].ShouldNotBeNull($"Laravel error shape expected: {text}");
    }

    private async Task<Scene> SetUpAsync()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (admin, _) = await business.AddMemberAsync("admin");
        var (agent, _) = await business.AddMemberAsync();
        var (_, otherAgentMember) = await business.AddMemberAsync();
        var link = await business.CreateLinkAsync(seat: "lite");
        var stranger = (await app.CreateBusinessAsync()).Owner;
        return new Scene(business, admin, agent, otherAgentMember, Guid.Parse(link["id"]!.GetValue<string>()), link["token"]!.GetValue<string>(), stranger);
    }
}

public sealed class LifecycleRoleMatrixTestsOnSqlite(SqliteApp app) : LifecycleRoleMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class LifecycleRoleMatrixTestsOnPostgres(PostgresApp app) : LifecycleRoleMatrixTests(app), IClassFixture<PostgresApp>;
