using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using Switchboard.Domain;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Conversations;

/// <summary>POST /api/v1/team/assign/{id}?agent_id= and PUT /api/v1/conversations/{id}/assign/{agent_id}.</summary>
public abstract class AssignTests(SwitchboardApp app)
{
    [Fact]
    public async Task Owner_assigns_to_an_agent_with_the_seed_response_and_raises_the_event()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, _) = await business.AddMemberAsync();
        var conversation = await business.OpenConversationAsync();

        var body = await business.Client.PostAsync($"/api/v1/team/assign/{conversation}?agent_id={agent.UserId}", null)
            .ShouldAnswer(HttpStatusCode.OK);

        body.ToJsonString().ShouldBe("""{"message":"Conversation assigned successfully"}""");
        var read = await business.Client.GetAsync($"/api/v1/conversations/{conversation}").ShouldAnswer(HttpStatusCode.OK);
        read["assigned_agent_id"]!.GetValue<string>().ShouldBe(agent.UserId.ToString());
        var raised = app.Events.Of<ConversationAssigned>(business.Id).ShouldHaveSingleItem();
        raised.ConversationId.ShouldBe(conversation);
        raised.AssigneeUserId.ShouldBe(agent.UserId);
        raised.AssignedByUserId.ShouldBe(business.Owner.UserId);
    }

    [Fact]
    public async Task Admins_assign_too_and_the_second_route_shares_the_rules()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (admin, _) = await business.AddMemberAsync("admin");
        var (agent, _) = await business.AddMemberAsync();
        var conversation = await business.OpenConversationAsync();

        await app.As(admin.Token).PutAsync($"/api/v1/conversations/{conversation}/assign/{agent.UserId}", null)
            .ShouldAnswer(HttpStatusCode.OK);
        (await app.As(admin.Token).PutAsync($"/api/v1/conversations/{conversation}/assign/{Guid.NewGuid()}", null)
            .ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldBe("Agent is not a team member");
    }

    [Fact]
    public async Task Agents_may_not_assign()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, _) = await business.AddMemberAsync();
        var conversation = await business.OpenConversationAsync();
        (await app.As(agent.Token).PostAsync($"/api/v1/team/assign/{conversation}?agent_id={agent.UserId}", null)
            .ShouldAnswer(HttpStatusCode.Forbidden)).Detail().ShouldBe("Only admins can assign conversations");
        (await app.As(agent.Token).PutAsync($"/api/v1/conversations/{conversation}/assign/{agent.UserId}", null)
            .ShouldAnswer(HttpStatusCode.Forbidden)).Detail().ShouldBe("Only admins can assign conversations");
    }

    [Fact]
    public async Task The_agent_must_be_an_active_member_of_this_workspace()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var other = await app.CreateBusinessAsync(plan: "mini");
        var (outsider, _) = await other.AddMemberAsync();
        var conversation = await business.OpenConversationAsync();

        (await business.Client.PostAsync($"/api/v1/team/assign/{conversation}?agent_id={outsider.UserId}", null)
            .ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldBe("Agent is not a team member");
        (await business.Client.PostAsync($"/api/v1/team/assign/{conversation}?agent_id={Guid.NewGuid()}", null)
            .ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldBe("Agent is not a team member");
    }

    [Fact]
    public async Task Unknown_or_foreign_conversations_are_404()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, _) = await business.AddMemberAsync();
        var other = await app.CreateBusinessAsync();
        var foreign = await other.OpenConversationAsync();

        foreach (var id in new[] { Guid.NewGuid().ToString(), foreign.ToString(), "conv-uuid-here" })
            (await business.Client.PostAsync($"/api/v1/team/assign/{id}?agent_id={agent.UserId}", null)
                .ShouldAnswer(HttpStatusCode.NotFound)).Detail().ShouldBe("Conversation not found");
        (await other.Client.GetAsync($"/api/v1/conversations/{foreign}").ShouldAnswer(HttpStatusCode.OK))
            ["assigned_agent_id"].ShouldBeNull();
    }

    [Theory]
    [InlineData("resolve", "resolved")]
    [InlineData("close", "closed")]
    public async Task Finished_conversations_cannot_be_assigned(string action, string status)
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, _) = await business.AddMemberAsync();
        var conversation = await business.OpenConversationAsync();
        await business.Client.PutAsync($"/api/v1/conversations/{conversation}/{action}", null).ShouldAnswer(HttpStatusCode.OK);

        (await business.Client.PostAsync($"/api/v1/team/assign/{conversation}?agent_id={agent.UserId}", null)
            .ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldBe($"Cannot assign a {status} conversation");
    }

    [Theory]
    [InlineData("")]
    [InlineData("?agent_id=")]
    [InlineData("?agent_id=agent-user-uuid")]
    public async Task Missing_or_malformed_agent_id_is_422(string query)
    {
        var business = await app.CreateBusinessAsync();
        var conversation = await business.OpenConversationAsync();
        var body = await business.Client.PostAsync($"/api/v1/team/assign/{conversation}{query}", null)
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        body["detail"]![0]!["loc"]!.AsArray().Select(l => l!.GetValue<string>()).ShouldBe(["query", "agent_id"]);
    }

    [Fact]
    public async Task Lite_seats_cannot_be_assigned()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, memberId) = await business.AddMemberAsync();
        // Until the Pipeback face can grant a lite seat, flip it in the database the way that face will.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Switchboard.Data.SwitchboardDb>();
            var member = await db.Memberships.FindAsync(memberId);
            member!.Seat = Seat.Lite;
            await db.SaveChangesAsync();
        }
        var conversation = await business.OpenConversationAsync();
        (await business.Client.PostAsync($"/api/v1/team/assign/{conversation}?agent_id={agent.UserId}", null)
            .ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldBe("Lite seats cannot be assigned conversations");
    }
}

public sealed class AssignTestsOnSqlite(SqliteApp app) : AssignTests(app), IClassFixture<SqliteApp>;

public sealed class AssignTestsOnPostgres(PostgresApp app) : AssignTests(app), IClassFixture<PostgresApp>;
