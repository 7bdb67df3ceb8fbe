using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Conversations;

public abstract class ConversationTests(SwitchboardApp app)
{
    [Fact]
    public async Task Create_list_get_resolve_and_close()
    {
        var business = await app.CreateBusinessAsync();
        var created = await business.Client.PostAsJsonAsync("/api/v1/conversations/",
            new { business_id = business.Id, customer_id = "cust-42", initial_message = "My order is late" })
            .ShouldAnswer(HttpStatusCode.Created);
        created["status"]!.GetValue<string>().ShouldBe("open");
        created["business_id"]!.GetValue<string>().ShouldBe(business.Id.ToString());
        var id = created["id"]!.GetValue<string>();

        (await business.Client.GetAsync("/api/v1/conversations/").ShouldAnswer(HttpStatusCode.OK)).AsArray()
            .Select(c => c!["id"]!.GetValue<string>()).ShouldBe([id]);
        (await business.Client.GetAsync("/api/v1/conversations/?status=resolved").ShouldAnswer(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();

        (await business.Client.PutAsync($"/api/v1/conversations/{id}/resolve", null).ShouldAnswer(HttpStatusCode.OK))
            ["status"]!.GetValue<string>().ShouldBe("resolved");
        (await business.Client.PutAsync($"/api/v1/conversations/{id}/resolve", null).ShouldAnswer(HttpStatusCode.OK))
            .Detail().ShouldBe("Already resolved");
        (await business.Client.PutAsync($"/api/v1/conversations/{id}/close", null).ShouldAnswer(HttpStatusCode.OK))
            ["status"]!.GetValue<string>().ShouldBe("closed");
        (await business.Client.PutAsync($"/api/v1/conversations/{id}/close", null).ShouldAnswer(HttpStatusCode.OK))
            .Detail().ShouldBe("Already closed");
        (await business.Client.PutAsync($"/api/v1/conversations/{id}/resolve", null).ShouldAnswer(HttpStatusCode.BadRequest))
            .Detail().ShouldBe("Conversation is closed");
    }

    [Fact]
    public async Task Conversations_of_another_business_are_invisible()
    {
        var mine = await app.CreateBusinessAsync();
        var theirs = await app.CreateBusinessAsync();
        var foreign = await theirs.OpenConversationAsync();

        (await mine.Client.PostAsJsonAsync("/api/v1/conversations/", new { business_id = theirs.Id })
            .ShouldAnswer(HttpStatusCode.NotFound)).Detail().ShouldBe("Business not found");
        (await mine.Client.GetAsync($"/api/v1/conversations/{foreign}").ShouldAnswer(HttpStatusCode.NotFound))
            .Detail().ShouldBe("Conversation not found");
        await mine.Client.PutAsync($"/api/v1/conversations/{foreign}/resolve", null).ShouldAnswer(HttpStatusCode.NotFound);
        (await mine.Client.GetAsync("/api/v1/conversations/").ShouldAnswer(HttpStatusCode.OK)).AsArray().ShouldBeEmpty();
        (await theirs.Client.GetAsync($"/api/v1/conversations/{foreign}").ShouldAnswer(HttpStatusCode.OK))
            ["status"]!.GetValue<string>().ShouldBe("open");
    }

    [Theory]
    [InlineData("""{}""", "missing")]
    [InlineData("""{"business_id":"nope"}""", "uuid_parsing")]
    [InlineData("""{"business_id":7}""", "string_type")]
    public async Task Create_validates_business_id(string json, string type)
    {
        var business = await app.CreateBusinessAsync();
        var response = await business.Client.PostAsync("/api/v1/conversations/",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        (await Task.FromResult(response).ShouldAnswer(HttpStatusCode.UnprocessableEntity))
            ["detail"]![0]!["type"]!.GetValue<string>().ShouldBe(type);
    }
}

public sealed class ConversationTestsOnSqlite(SqliteApp app) : ConversationTests(app), IClassFixture<SqliteApp>;

public sealed class ConversationTestsOnPostgres(PostgresApp app) : ConversationTests(app), IClassFixture<PostgresApp>;
