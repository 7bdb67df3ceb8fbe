using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Accounts;

public abstract class AccountsTests(SwitchboardApp app)
{
    [Fact]
    public async Task Register_returns_a_bearer_token_that_works_at_once()
    {
        var email = Api.NewEmail("new");
        var body = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/register",
            new { email, full_name = "Nia New", password = "long-enough-42" }).ShouldAnswer(HttpStatusCode.Created);

        body["token_type"]!.GetValue<string>().ShouldBe("bearer");
        var token = body["access_token"]!.GetValue<string>();
        token.ShouldMatch(@"^\d+\|[A-Za-z0-9]{40}$");
        var me = await app.As(token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);
        me["email"]!.GetValue<string>().ShouldBe(email);
        me["full_name"]!.GetValue<string>().ShouldBe("Nia New");
    }

    [Fact]
    public async Task Only_a_hash_of_the_token_secret_is_stored()
    {
        var account = await app.RegisterAsync();
        var secret = account.Token.Split('|')[1];
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Switchboard.Data.SwitchboardDb>();
        var stored = await db.ApiTokens.Where(t => t.UserId == account.UserId).Select(t => t.SecretHash).ToListAsync();
        stored.ShouldHaveSingleItem().ShouldNotContain(secret);
        var user = await db.Users.SingleAsync(u => u.Id == account.UserId);
        user.PasswordHash.ShouldNotContain("correct-horse");
    }

    [Fact]
    public async Task The_same_email_in_another_case_cannot_register_twice()
    {
        var account = await app.RegisterAsync();
        (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/register",
            new { email = account.Email.ToUpperInvariant(), full_name = "Twin", password = "long-enough-42" })
            .ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldBe("Email already registered");
    }

    [Theory]
    [InlineData("""{"email":"a@example.com","full_name":"A","password":"short"}""", "password", "string_too_short")]
    [InlineData("""{"email":"nope","full_name":"A","password":"long-enough-42"}""", "email", "value_error")]
    [InlineData("""{"full_name":"A","password":"long-enough-42"}""", "email", "missing")]
    [InlineData("""{"email":"a@example.com","password":"long-enough-42"}""", "full_name", "missing")]
    [InlineData("""{"email":"a@example.com","full_name":"A","password":12345678}""", "password", "string_type")]
    public async Task Register_validates_like_FastAPI(string json, string field, string type)
    {
        var response = await app.Anonymous().PostAsync("/api/v1/auth/register",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var body = await Task.FromResult(response).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        var error = body["detail"]!.AsArray().Single()!;
        error["loc"]!.AsArray().Select(l => l!.GetValue<string>()).ShouldBe(["body", field]);
        error["type"]!.GetValue<string>().ShouldBe(type);
    }

    [Fact]
    public async Task Login_gives_a_new_token_and_refuses_a_wrong_password_the_same_way_as_an_unknown_email()
    {
        var account = await app.RegisterAsync(password: "right-password-7q");
        var body = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login",
            new { email = account.Email, password = "right-password-7q" }).ShouldAnswer(HttpStatusCode.OK);
        body["token_type"]!.GetValue<string>().ShouldBe("bearer");
        await app.As(body["access_token"]!.GetValue<string>()).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);

        var wrong = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login",
            new { email = account.Email, password = "wrong-password" }).ShouldAnswer(HttpStatusCode.Unauthorized);
        var unknown = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login",
            new { email = Api.NewEmail(), password = "wrong-password" }).ShouldAnswer(HttpStatusCode.Unauthorized);
        wrong.ToJsonString().ShouldBe(unknown.ToJsonString());
    }

    [Fact]
    public async Task Login_is_rate_limited_per_email_with_Retry_After()
    {
        var account = await app.RegisterAsync();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 11; i++)
            last = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = "wrong-password" });
        last!.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        last.Headers.RetryAfter.ShouldNotBeNull();
        (await last.ReadJsonAsync()).Detail().ShouldContain("Too many");
        // Another address is not held up by this one.
        var other = await app.RegisterAsync(password: "other-password-7q");
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = other.Email, password = "other-password-7q" })
            .ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logout_revokes_only_the_token_used()
    {
        var account = await app.RegisterAsync(password: "pass-word-1");
        var second = (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login",
            new { email = account.Email, password = "pass-word-1" }).ShouldAnswer(HttpStatusCode.OK))["access_token"]!.GetValue<string>();

        await app.As(account.Token).PostAsync("/api/v1/auth/logout", null).ShouldAnswer(HttpStatusCode.OK);

        (await app.As(account.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.Unauthorized))
            .Detail().ShouldBe("Not authenticated");
        await app.As(second).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Creating_a_business_makes_the_caller_its_owner_on_Free()
    {
        var account = await app.RegisterAsync();
        var body = await app.As(account.Token).PostAsJsonAsync("/api/v1/auth/business/create",
            new { name = "Ünïcode & Co!", website = "https://acme.test", industry = "retail", team_size = "2-10", goal = "support" })
            .ShouldAnswer(HttpStatusCode.Created);
        body["plan"]!.GetValue<string>().ShouldBe("free");
        body["owner_id"]!.GetValue<string>().ShouldBe(account.UserId.ToString());
        body["handle"]!.GetValue<string>().ShouldMatch("^[a-z0-9-]+$");
        var me = await app.As(account.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);
        me["businesses"]![0]!["role"]!.GetValue<string>().ShouldBe("owner");
        (await app.As(account.Token).PostAsJsonAsync("/api/v1/auth/business/create", new { name = "" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity))["detail"]![0]!["loc"]![1]!.GetValue<string>().ShouldBe("name");
    }
}

public sealed class AccountsTestsOnSqlite(SqliteApp app) : AccountsTests(app), IClassFixture<SqliteApp>;

public sealed class AccountsTestsOnPostgres(PostgresApp app) : AccountsTests(app), IClassFixture<PostgresApp>;

/// <summary>The per-IP limit, on an app whose limit is low enough to reach.</summary>
public sealed class LoginIpLimitTests(LoginIpLimitTests.App app) : IClassFixture<LoginIpLimitTests.App>
{
    public sealed class App : SqliteApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("RateLimits:Login:PerIpPerMinute", "3")];
    }

    [Fact]
    public async Task Login_is_rate_limited_per_client_address()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login",
                new { email = Api.NewEmail(), password = "whatever-1" })).StatusCode);
        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        statuses[3].ShouldBe(HttpStatusCode.TooManyRequests);
        var limited = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = Api.NewEmail(), password = "x" });
        limited.Headers.RetryAfter.ShouldNotBeNull();
        (await limited.ReadJsonAsync()).Detail().ShouldContain("Too many");
    }
}
