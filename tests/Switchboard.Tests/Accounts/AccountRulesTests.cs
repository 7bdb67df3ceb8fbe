using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Accounts;

/// <summary>
/// One rule for web addresses on business creation and PATCH; passwords measured in characters (code
/// points), not UTF-16 units, and refused when common or blank; names refused when nothing in them shows —
/// each in the face's own 422.
/// </summary>
public abstract class AccountRulesTests(SwitchboardApp app)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static JsonNode SingleError(JsonNode body, string field)
    {
        var error = body["detail"]!.AsArray().Single()!;
        error["loc"]!.AsArray().Select(l => l!.GetValue<string>()).ShouldBe(["body", field]);
        return error;
    }

    private Task<HttpResponseMessage> Register(string password, string name = "Pat Password") =>
        app.Anonymous().PostAsJsonAsync("/api/v1/auth/register", new { email = Api.NewEmail("rules"), full_name = name, password });

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(document.cookie)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("/relative/path")]
    [InlineData("ftp://acme.test")]
    [InlineData("")]
    public async Task Business_creation_refuses_the_websites_that_PATCH_refuses(string website)
    {
        var account = await app.RegisterAsync();
        var created = await app.As(account.Token).PostAsJsonAsync("/api/v1/auth/business/create", new { name = "Acme", website })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        var business = await app.CreateBusinessAsync();
        var patched = await business.Client.PatchAsJsonAsync("/api/v1/business", new { website })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);

        SingleError(created, "website")["msg"]!.GetValue<string>().ShouldBe("Value error, must be an absolute http(s) URL");
        SingleError(patched, "website").ToJsonString().ShouldBe(SingleError(created, "website").ToJsonString());
        (await app.As(account.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK))["businesses"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Both_store_a_web_address_the_same_way()
    {
        var account = await app.RegisterAsync();
        var created = await app.As(account.Token).PostAsJsonAsync("/api/v1/auth/business/create",
            new { name = "Acme", website = "HTTPS://Acme.Test" }).ShouldAnswer(HttpStatusCode.Created);
        var patched = await app.As(account.Token).PatchAsJsonAsync("/api/v1/business", new { website = "HTTPS://Acme.Test" })
            .ShouldAnswer(HttpStatusCode.OK);
        created["website"]!.GetValue<string>().ShouldBe("https://acme.test/");
        patched["website"]!.GetValue<string>().ShouldBe("https://acme.test/");
    }

    [Fact]
    public async Task Password_length_counts_characters_not_UTF16_units()
    {
        // Each emoji is one character but two UTF-16 units.
        await Register(string.Concat(Enumerable.Repeat("🔑", 8))).ShouldAnswer(HttpStatusCode.Created);
        await Register(string.Concat(Enumerable.Repeat("🔑", 255))).ShouldAnswer(HttpStatusCode.Created);

        var tooShort = await Register(string.Concat(Enumerable.Repeat("🔑", 7))).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        SingleError(tooShort, "password")["msg"]!.GetValue<string>().ShouldBe("String should have at least 8 characters");
        var tooLong = await Register(string.Concat(Enumerable.Repeat("🔑", 256))).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        SingleError(tooLong, "password")["type"]!.GetValue<string>().ShouldBe("string_too_long");
        SingleError(tooLong, "password")["msg"]!.GetValue<string>().ShouldBe("String should have at most 255 characters");
    }

    [Theory]
    [InlineData("password123")]
    [InlineData("Password123")]
    [InlineData("QWERTYUIOP")]
    [InlineData("ｐａｓｓｗｏｒｄ１２３")] // full-width look-alikes: the same after NFKC
    [InlineData("iloveyou")]
    public async Task Common_passwords_are_refused(string password)
    {
        var body = await Register(password).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        var error = SingleError(body, "password");
        error["type"]!.GetValue<string>().ShouldBe("value_error");
        error["msg"]!.GetValue<string>().ShouldBe("Value error, must not be a commonly used password");
    }

    [Theory]
    [InlineData("          ")]
    [InlineData("\t\t\t\t\n\n\n\n")]
    [InlineData("\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000")]
    [InlineData("\u200B\u200B\u200B\u200B\u200B\u200B\u200B\u200B")]
    public async Task Passwords_of_only_blank_characters_are_refused(string password)
    {
        var body = await Register(password).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        SingleError(body, "password")["msg"]!.GetValue<string>()
            .ShouldBe("Value error, must not consist only of spaces or invisible characters");
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("\t\n")]
    [InlineData("\u00A0\u3000")]
    [InlineData("\u200B\u200D")]
    [InlineData("\u202E")]
    [InlineData("\u3164")]
    public async Task Names_that_show_nothing_are_refused_on_register_create_and_PATCH(string name)
    {
        var registered = await Register("correct-horse", name).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        SingleError(registered, "full_name")["type"]!.GetValue<string>().ShouldBe("string_too_short");

        var account = await app.RegisterAsync();
        var created = await app.As(account.Token).PostAsJsonAsync("/api/v1/auth/business/create", new { name })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        SingleError(created, "name")["type"]!.GetValue<string>().ShouldBe("string_too_short");

        var business = await app.CreateBusinessAsync();
        var patched = await business.Client.PatchAsJsonAsync("/api/v1/business", new { name })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        SingleError(patched, "name")["type"]!.GetValue<string>().ShouldBe("string_too_short");
        (await business.Client.GetAsync("/api/v1/business").ShouldAnswer(HttpStatusCode.OK))["name"]!.GetValue<string>().ShouldBe("Acme Support");
    }

    [Fact]
    public async Task Names_are_stored_trimmed()
    {
        var body = await Register("correct-horse", "  Nia New  ").ShouldAnswer(HttpStatusCode.Created);
        body["user"]!["full_name"]!.GetValue<string>().ShouldBe("Nia New");
    }

    [Theory]
    [InlineData("password123", "The password field must not be a commonly used password.")]
    [InlineData("        ", "The password field must not consist only of spaces or invisible characters.")]
    [InlineData("🔑🔑🔑🔑🔑🔑🔑", "The password field must be at least 8 characters.")]
    public async Task Accepting_an_invite_applies_the_same_password_rules_in_Laravel_words(string password, string message)
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("invitee");
        var invite = await business.InviteAsync(email);
        var body = await app.Anonymous().PostAsJsonAsync($"/app/invites/{invite.Id()}", InviteSteps.Acceptance(email, password: password))
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        body.ShouldBeValidationError("password", message);
        await app.Anonymous().GetAsync($"/app/invites/{invite.Id()}").ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Accepting_an_invite_takes_a_long_emoji_password_and_refuses_a_blank_name()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("invitee");
        var invite = await business.InviteAsync(email);
        var blank = await app.Anonymous().PostAsJsonAsync($"/app/invites/{invite.Id()}", InviteSteps.Acceptance(email, name: "   "))
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        blank.ShouldBeValidationError("name", "The name field is required.");
        // Invisible characters alone are no name either.
        (await app.Anonymous().PostAsJsonAsync($"/app/invites/{invite.Id()}", InviteSteps.Acceptance(email, name: "\u200B\u202E\u2060"))
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity)).ShouldBeValidationError("name", "The name field is required.");

        var password = string.Concat(Enumerable.Repeat("🗝️", 100)); // 200 characters, 300 UTF-16 units
        await app.Anonymous().PostAsJsonAsync($"/app/invites/{invite.Id()}", InviteSteps.Acceptance(email, password: password))
            .ShouldAnswer(HttpStatusCode.OK);
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email, password }).ShouldAnswer(HttpStatusCode.OK);
    }
}

public sealed class AccountRulesTestsOnSqlite(SqliteApp app) : AccountRulesTests(app), IClassFixture<SqliteApp>;

public sealed class AccountRulesTestsOnPostgres(PostgresApp app) : AccountRulesTests(app), IClassFixture<PostgresApp>;
