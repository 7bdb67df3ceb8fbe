using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Accounts;

/// <summary>GET/PATCH /api/v1/business: the profile the invite page shows (name and logo).</summary>
public abstract class BusinessProfileTests(SwitchboardApp app)
{
    [Fact]
    public async Task The_owner_sets_name_and_logo_and_the_public_invite_shows_them()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var changed = await business.Client.PatchAsJsonAsync("/api/v1/business",
            new { name = "Acme Care", logo = "https://cdn.example.com/acme.png" }).ShouldAnswer(HttpStatusCode.OK);
        changed["name"]!.GetValue<string>().ShouldBe("Acme Care");
        changed["logo"]!.GetValue<string>().ShouldBe("https://cdn.example.com/acme.png");

        var invite = await app.As(business.Owner.Token, business.Id)
            .PostAsJsonAsync("/app/invites", new { email = Api.NewEmail("new"), seat = "full" }).ShouldAnswer(HttpStatusCode.Created);
        var shown = await app.Anonymous().GetAsync($"/app/invites/{invite["data"]!["id"]!.GetValue<string>()}").ShouldAnswer(HttpStatusCode.OK);
        shown["data"]!["workspace"]!["name"]!.GetValue<string>().ShouldBe("Acme Care");
        shown["data"]!["workspace"]!["logo"]!.GetValue<string>().ShouldBe("https://cdn.example.com/acme.png");

        (await business.Client.PatchAsJsonAsync("/api/v1/business", new { logo = (string?)null }).ShouldAnswer(HttpStatusCode.OK))
            ["logo"].ShouldBeNull();
        (await business.Client.GetAsync("/api/v1/business").ShouldAnswer(HttpStatusCode.OK))["name"]!.GetValue<string>().ShouldBe("Acme Care");
    }

    [Theory]
    [InlineData("""{"logo":"javascript:alert(1)"}""", "logo")]
    [InlineData("""{"logo":"/relative.png"}""", "logo")]
    [InlineData("""{"logo":42}""", "logo")]
    [InlineData("""{"name":"  "}""", "name")]
    [InlineData("""{"website":"ftp://acme.test"}""", "website")]
    public async Task Bad_profiles_are_a_FastAPI_422(string json, string field)
    {
        var business = await app.CreateBusinessAsync();
        var response = await business.Client.PatchAsync("/api/v1/business", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        (await Task.FromResult(response).ShouldAnswer(HttpStatusCode.UnprocessableEntity))["detail"]![0]!["loc"]![1]!.GetValue<string>().ShouldBe(field);
    }

    [Fact]
    public async Task Only_the_owner_changes_the_profile()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (admin, _) = await business.AddMemberAsync("admin");
        (await app.As(admin.Token).PatchAsJsonAsync("/api/v1/business", new { name = "Mine now" }).ShouldAnswer(HttpStatusCode.Forbidden))
            .Detail().ShouldBe("Only the org owner can change the business profile");
    }
}

public sealed class BusinessProfileTestsOnSqlite(SqliteApp app) : BusinessProfileTests(app), IClassFixture<SqliteApp>;

public sealed class BusinessProfileTestsOnPostgres(PostgresApp app) : BusinessProfileTests(app), IClassFixture<PostgresApp>;
