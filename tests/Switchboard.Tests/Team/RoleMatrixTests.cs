using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Lifecycle;

namespace Switchboard.Tests.Team;

/// <summary>
/// The permission table, one matrix for both faces: each route against every kind of caller — the owner, an
/// admin, an agent (admins_can_invite off), a stranger (a member of another business naming this one in
/// x-workspace-id) and nobody. Each case gets a fresh business; a refusal is in its face's error shape.
/// </summary>
public abstract class RoleMatrixTests(SwitchboardApp app)
{
    public enum Who { Owner, Admin, Agent, Stranger, Anonymous }

    private sealed record Scene(Business Business, Account Admin, Account Agent, Guid OtherAgentMember, Guid Conversation, Account Stranger, Account Fresh,
        Guid Link, string LinkToken);

    // route → expected status for Owner, Admin, Agent, Stranger, Anonymous
    private static readonly Dictionary<string, int[]> Expectations = new()
    {
        ["GET /api/v1/team/members"] = [200, 200, 200, 404, 401],
        ["POST /api/v1/team/invite"] = [200, 403, 403, 404, 401],
        ["DELETE /api/v1/team/members/{member}"] = [200, 403, 403, 404, 401],
        ["PATCH /api/v1/team/status"] = [200, 200, 200, 404, 401],
        ["POST /api/v1/team/assign/{conversation}"] = [200, 200, 403, 404, 401],
        ["PUT /api/v1/conversations/{conversation}/assign/{agent}"] = [200, 200, 403, 404, 401],
        ["GET /api/v1/team/settings"] = [200, 200, 200, 404, 401],
        ["PATCH /api/v1/team/settings"] = [200, 403, 403, 404, 401],
        ["GET /api/v1/team/audit"] = [200, 200, 403, 404, 401],
        ["GET /api/v1/team/supervisor"] = [200, 200, 403, 404, 401],
        ["GET /api/v1/billing"] = [200, 200, 200, 404, 401],
        ["PUT /api/v1/billing/plan"] = [200, 403, 403, 404, 401],
        ["GET /api/v1/conversations/"] = [200, 200, 200, 404, 401],
        ["POST /api/v1/conversations/"] = [201, 201, 201, 404, 401],
        ["GET /api/v1/conversations/{conversation}"] = [200, 200, 200, 404, 401],
        ["PUT /api/v1/conversations/{conversation}/resolve"] = [200, 200, 200, 404, 401],
        ["PUT /api/v1/conversations/{conversation}/close"] = [200, 200, 200, 404, 401],
        ["GET /api/v1/auth/me"] = [200, 200, 200, 200, 401],
        ["POST /api/v1/auth/logout"] = [200, 200, 200, 200, 401],
        ["PATCH /api/v1/team/members/{member}"] = [200, 403, 403, 404, 401],
        ["GET /api/v1/team/routing"] = [200, 200, 200, 404, 401],
        ["PATCH /api/v1/team/routing"] = [200, 403, 403, 404, 401],
        ["PUT /api/v1/team/members/{member}/capacity"] = [200, 200, 403, 404, 401],
        ["POST /api/v1/conversations/{conversation}/reply"] = [200, 200, 200, 404, 401],
        ["POST /api/v1/team/members/{member}/suspend"] = [200, 403, 403, 404, 401],
        ["POST /api/v1/team/members/{member}/restore"] = [200, 403, 403, 404, 401],
        ["POST /api/v1/team/leave"] = [400, 200, 200, 404, 401],
        // Pipeback's member lifecycle, invites and invite links.
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
        var client = who switch
        {
            Who.Owner => app.As(scene.Business.Owner.Token, scene.Business.Id),
            Who.Admin => app.As(scene.Admin.Token, scene.Business.Id),
            Who.Agent => app.As(scene.Agent.Token, scene.Business.Id),
            Who.Stranger => app.As(scene.Stranger.Token, scene.Business.Id),
            _ => app.Anonymous(),
        };
        var (method, template) = (route.Split(' ')[0], route.Split(' ')[1]);
        var path = template
            .Replace("{member}", scene.OtherAgentMember.ToString())
            .Replace("{conversation}", scene.Conversation.ToString())
            .Replace("{agent}", scene.Agent.UserId.ToString())
            .Replace("{link}", scene.Link.ToString());
        if (route == "POST /api/v1/team/invite") path += $"?email={scene.Fresh.Email}";
        if (route == "POST /api/v1/team/assign/{conversation}") path += $"?agent_id={scene.Agent.UserId}";
        object? body = route switch
        {
            "PATCH /api/v1/team/status" => new { status = "away" },
            "PATCH /api/v1/team/settings" => new { admins_can_invite = false },
            "PUT /api/v1/billing/plan" => new { plan = "pro" },
            "POST /api/v1/conversations/" => new { business_id = scene.Business.Id },
            "PATCH /api/v1/team/members/{member}" => new { role = "admin" },
            "PATCH /api/v1/team/routing" => new { mode = "manual" },
            "PUT /api/v1/team/members/{member}/capacity" => new { capacity = 3 },
            "POST /api/v1/conversations/{conversation}/reply" => new { message = "On it" },
            "POST /app/invites/bulk" => new { emails = new[] { Api.NewEmail("bulk") }, seat = "lite" },
            "POST /app/invite-links" => new { seat = "full" },
            "POST /app/invite-links/join" => new { token = scene.LinkToken },
            _ => null,
        };
        var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = body is null ? null : JsonContent.Create(body),
        };

        var response = await client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(expected, $"{route} as {who}: {text}");
        var json = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        if (expected >= 400 && template.StartsWith("/app")) json["message"].ShouldNotBeNull($"Laravel error shape expected: {text}");
        else if (expected >= 400) json["detail"].ShouldNotBeNull($"FastAPI error shape expected: {text}");
    }

    private async Task<Scene> SetUpAsync()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (admin, _) = await business.AddMemberAsync("admin");
        var (agent, _) = await business.AddMemberAsync();
        var (_, otherAgentMember) = await business.AddMemberAsync();
        var conversation = await business.OpenConversationAsync();
        var stranger = (await app.CreateBusinessAsync()).Owner;
        var fresh = await app.RegisterAsync();
        var link = await business.CreateLinkAsync(seat: "lite");
        return new Scene(business, admin, agent, otherAgentMember, conversation, stranger, fresh,
            Guid.Parse(link["id"]!.GetValue<string>()), link["token"]!.GetValue<string>());
    }
}

public sealed class RoleMatrixTestsOnSqlite(SqliteApp app) : RoleMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class RoleMatrixTestsOnPostgres(PostgresApp app) : RoleMatrixTests(app), IClassFixture<PostgresApp>;
