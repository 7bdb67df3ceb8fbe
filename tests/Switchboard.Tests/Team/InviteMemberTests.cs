using System.Net;
using System.Net.Http.Json;
using Switchboard.Domain;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Team;

/// <summary>POST /api/v1/team/invite, against the PingBack seed's contract.</summary>
public abstract class InviteMemberTests(SwitchboardApp app)
{
    [Fact]
    public async Task Owner_invites_an_existing_user_as_agent_with_the_seed_response()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var james = await app.RegisterAsync(name: "James Rivera");

        var body = await app.As(business.Owner.Token)
            .PostAsync($"/api/v1/team/invite?email={james.Email}&role=agent", null).ShouldAnswer(HttpStatusCode.OK);

        body["message"]!.GetValue<string>().ShouldBe($"Agent {james.Email} invited successfully");
        var memberId = Guid.Parse(body["team_member_id"]!.GetValue<string>());
        body.AsObject().Select(p => p.Key).ShouldBe(["message", "team_member_id"], ignoreOrder: true);
        var members = await app.As(business.Owner.Token).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);
        members.AsArray().Select(m => m!["id"]!.GetValue<string>()).ShouldContain(memberId.ToString());
        app.Events.Of<MemberJoined>(business.Id).ShouldContain(e => e.UserId == james.UserId && e.MembershipId == memberId);
    }

    [Fact]
    public async Task Role_defaults_to_agent_and_admin_is_worded_as_admin()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var agent = await app.RegisterAsync();
        var admin = await app.RegisterAsync();
        var owner = app.As(business.Owner.Token);

        (await owner.PostAsync($"/api/v1/team/invite?email={agent.Email}", null).ShouldAnswer(HttpStatusCode.OK))
            ["message"]!.GetValue<string>().ShouldStartWith("Agent ");
        (await owner.PostAsync($"/api/v1/team/invite?email={admin.Email}&role=admin", null).ShouldAnswer(HttpStatusCode.OK))
            ["message"]!.GetValue<string>().ShouldBe($"Admin {admin.Email} invited successfully");
        var roles = (await owner.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK)).AsArray()
            .ToDictionary(m => m!["email"]!.GetValue<string>(), m => m!["role"]!.GetValue<string>());
        roles[agent.Email].ShouldBe("agent");
        roles[admin.Email].ShouldBe("admin");
    }

    [Fact]
    public async Task Email_is_matched_case_insensitively()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var user = await app.RegisterAsync();
        await app.As(business.Owner.Token)
            .PostAsync($"/api/v1/team/invite?email={user.Email.ToUpperInvariant()}", null).ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unknown_user_is_404_User_not_found()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var body = await app.As(business.Owner.Token)
            .PostAsync($"/api/v1/team/invite?email={Api.NewEmail("ghost")}", null).ShouldAnswer(HttpStatusCode.NotFound);
        body.Detail().ShouldBe("User not found");
    }

    [Fact]
    public async Task Existing_member_is_400()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, _) = await business.AddMemberAsync();
        var body = await app.As(business.Owner.Token)
            .PostAsync($"/api/v1/team/invite?email={agent.Email}", null).ShouldAnswer(HttpStatusCode.BadRequest);
        body.Detail().ShouldBe("User is already a team member");
        (await app.As(business.Owner.Token)
            .PostAsync($"/api/v1/team/invite?email={business.Owner.Email}", null).ShouldAnswer(HttpStatusCode.BadRequest))
            .Detail().ShouldBe("User is already a team member");
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("superuser")]
    [InlineData("Agent")]
    [InlineData("")]
    public async Task Invalid_role_is_400(string role)
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var user = await app.RegisterAsync();
        var body = await app.As(business.Owner.Token)
            .PostAsync($"/api/v1/team/invite?email={user.Email}&role={role}", null).ShouldAnswer(HttpStatusCode.BadRequest);
        body.Detail().ShouldBe("Invalid role. Must be agent or admin");
    }

    [Theory]
    [InlineData("")]
    [InlineData("?email=")]
    [InlineData("?email=not-an-email")]
    [InlineData("?email=a@b")]
    [InlineData("?email=x%0d%0aBcc:%20evil@example.com@example.com")]
    public async Task Missing_or_malformed_email_is_a_FastAPI_422(string query)
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var body = await app.As(business.Owner.Token).PostAsync($"/api/v1/team/invite{query}", null)
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        var error = body["detail"]!.AsArray().Single()!;
        error["loc"]!.AsArray().Select(l => l!.GetValue<string>()).ShouldBe(["query", "email"]);
        error["msg"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        error["type"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("free", 0)]
    [InlineData("mini", 2)]
    [InlineData("pro", 5)]
    public async Task Plan_limits_allow_exactly_their_agents_then_402(string plan, int allowed)
    {
        var business = await app.CreateBusinessAsync(plan: plan);
        var owner = app.As(business.Owner.Token);
        for (var i = 0; i < allowed; i++)
        {
            var user = await app.RegisterAsync();
            await owner.PostAsync($"/api/v1/team/invite?email={user.Email}", null).ShouldAnswer(HttpStatusCode.OK);
        }
        var oneTooMany = await app.RegisterAsync();
        var body = await owner.PostAsync($"/api/v1/team/invite?email={oneTooMany.Email}&role=admin", null)
            .ShouldAnswer(HttpStatusCode.PaymentRequired);
        body.Detail().ShouldContain("Upgrade");

        var billing = await owner.GetAsync("/api/v1/billing").ShouldAnswer(HttpStatusCode.OK);
        billing["agents_used"]!.GetValue<int>().ShouldBe(allowed);
        billing["agent_limit"]!.GetValue<int>().ShouldBe(allowed);
        billing["seats"]!["full"]!.GetValue<int>().ShouldBe(allowed + 1);
    }

    [Fact]
    public async Task Fifty_parallel_invites_on_Mini_leave_exactly_two_members()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var users = new List<Account>();
        for (var i = 0; i < 50; i++) users.Add(await app.RegisterAsync());

        var answers = await Task.WhenAll(users.Select(async u =>
        {
            using var client = app.As(business.Owner.Token);
            return (await client.PostAsync($"/api/v1/team/invite?email={u.Email}", null)).StatusCode;
        }));

        answers.Count(s => s == HttpStatusCode.OK).ShouldBe(2);
        answers.Count(s => s == HttpStatusCode.PaymentRequired).ShouldBe(48);
        var members = await app.As(business.Owner.Token).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);
        members.AsArray().Count.ShouldBe(3);
    }

    [Fact]
    public async Task Agents_and_admins_may_not_invite_by_default()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (agent, _) = await business.AddMemberAsync("agent");
        var (admin, _) = await business.AddMemberAsync("admin");
        var target = await app.RegisterAsync();

        foreach (var who in new[] { agent, admin })
        {
            var body = await app.As(who.Token, business.Id)
                .PostAsync($"/api/v1/team/invite?email={target.Email}", null).ShouldAnswer(HttpStatusCode.Forbidden);
            body.Detail().ShouldBe("Only the org owner can invite team members");
        }
    }

    [Fact]
    public async Task With_admins_can_invite_an_admin_invites_agents_but_not_admins()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (admin, _) = await business.AddMemberAsync("admin");
        await app.As(business.Owner.Token).PatchAsJsonAsync("/api/v1/team/settings", new { admins_can_invite = true })
            .ShouldAnswer(HttpStatusCode.OK);
        var agent = await app.RegisterAsync();
        var wouldBeAdmin = await app.RegisterAsync();

        await app.As(admin.Token, business.Id).PostAsync($"/api/v1/team/invite?email={agent.Email}", null)
            .ShouldAnswer(HttpStatusCode.OK);
        (await app.As(admin.Token, business.Id).PostAsync($"/api/v1/team/invite?email={wouldBeAdmin.Email}&role=admin", null)
            .ShouldAnswer(HttpStatusCode.Forbidden)).Detail().ShouldBe("Admins can only invite agents");
    }

    [Fact]
    public async Task No_token_or_a_bad_token_is_401_Not_authenticated()
    {
        (await app.Anonymous().PostAsync("/api/v1/team/invite?email=a@b.com", null).ShouldAnswer(HttpStatusCode.Unauthorized))
            .Detail().ShouldBe("Not authenticated");
        (await app.As("1|" + new string('x', 40)).PostAsync("/api/v1/team/invite?email=a@b.com", null)
            .ShouldAnswer(HttpStatusCode.Unauthorized)).Detail().ShouldBe("Not authenticated");
        (await app.As("garbage").GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.Unauthorized))
            .Detail().ShouldBe("Not authenticated");
    }
}

public sealed class InviteMemberTestsOnSqlite(SqliteApp app) : InviteMemberTests(app), IClassFixture<SqliteApp>;

public sealed class InviteMemberTestsOnPostgres(PostgresApp app) : InviteMemberTests(app), IClassFixture<PostgresApp>;
