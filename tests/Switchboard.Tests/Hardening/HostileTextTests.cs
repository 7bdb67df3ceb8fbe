using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Hardening;

/// <summary>
/// Text that is not text — a lone UTF-16 surrogate escaped in JSON, or bytes that are not UTF-8 — is a 422 in
/// the face's shape wherever it appears (it was a 500, and on PostgreSQL it also failed on the way into the
/// database); look-alike addresses do not make a second account; parallel creations of one business name all
/// succeed with distinct handles (the unique handle was a 500).
/// </summary>
public abstract class HostileTextTests(SwitchboardApp app)
{
    /// <summary>A JSON body as raw bytes: <c>⟨ff⟩</c>-style markers become those bytes, everything else is UTF-8.</summary>
    private static ByteArrayContent Raw(string json)
    {
        var bytes = new List<byte>();
        Span<byte> utf8 = stackalloc byte[4];
        var i = 0;
        while (i < json.Length)
        {
            if (json[i] == '⟨')
            {
                var end = json.IndexOf('⟩', i);
                bytes.AddRange(Convert.FromHexString(json[(i + 1)..end].Replace(" ", "")));
                i = end + 1;
            }
            else
            {
                var rune = Rune.GetRuneAt(json, i);
                bytes.AddRange(utf8[..rune.EncodeToUtf8(utf8)].ToArray());
                i += rune.Utf16SequenceLength;
            }
        }
        var content = new ByteArrayContent(bytes.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public static TheoryData<string, string> NotText() => new()
    {
        { """{"email":"{email}","full_name":"\ud800","password":"correct-horse"}""", "full_name" },
        { """{"email":"{email}","full_name":"Ann \udc00 Lee","password":"correct-horse"}""", "full_name" },
        { """{"email":"{email}","full_name":"\udc00\ud800","password":"correct-horse"}""", "full_name" },
        { """{"email":"{email}","full_name":"x⟨ff⟩y","password":"correct-horse"}""", "full_name" },
        { """{"email":"{email}","full_name":"⟨ed a0 80⟩","password":"correct-horse"}""", "full_name" },
        { """{"email":"{email}","full_name":"⟨c0 af⟩","password":"correct-horse"}""", "full_name" },
        { """{"email":"{email}","full_name":"Ann","password":"correct-horse⟨e2 82⟩"}""", "password" },
        { """{"email":"{email}","full_name":"Ann","password":"correct-horse","extra":[{"deep":"\ud800"}]}""", "extra" },
    };

    [Theory]
    [MemberData(nameof(NotText))]
    public async Task Strings_that_are_not_text_are_a_FastAPI_422_on_that_field(string json, string field)
    {
        var email = Api.NewEmail("text");
        var response = await app.Anonymous().PostAsync("/api/v1/auth/register", Raw(json.Replace("{email}", email)));
        var body = await Task.FromResult(response).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        var error = body["detail"]!.AsArray().Single()!;
        error["loc"]!.AsArray().Select(l => l!.GetValue<string>()).ShouldBe(["body", field]);
        error["type"]!.GetValue<string>().ShouldBe("string_unicode");
        error["msg"]!.GetValue<string>().ShouldBe("Input should be a valid string, unable to parse raw data as a unicode string");
        // Nothing was made of it.
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "correct-horse" })
            .ShouldAnswer(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_property_name_that_is_not_text_is_a_422_on_the_body()
    {
        var body = await app.Anonymous().PostAsync("/api/v1/auth/login", Raw("""{"email":"a@example.com","pass\ud800":"x"}"""))
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        body["detail"]![0]!["loc"]!.AsArray().Select(l => l!.GetValue<string>()).ShouldBe(["body"]);
        body["detail"]![0]!["type"]!.GetValue<string>().ShouldBe("string_unicode");
    }

    [Fact]
    public async Task Every_route_that_reads_a_body_refuses_a_lone_surrogate()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var owner = business.Client;
        foreach (var (method, path, json) in new[]
                 {
                     ("POST", "/api/v1/auth/login", """{"email":"\ud800@example.com","password":"correct-horse"}"""),
                     ("POST", "/api/v1/auth/login", """{"email":"a@example.com","password":"correct-horse","device":"\ud800"}"""),
                     ("POST", "/api/v1/auth/business/create", """{"name":"\ud800"}"""),
                     ("PATCH", "/api/v1/business", """{"name":"Acme \ud800"}"""),
                     ("PATCH", "/api/v1/team/status", """{"status":"\ud800"}"""),
                     ("POST", "/api/v1/conversations/", $$"""{"business_id":"{{business.Id}}","initial_message":"hi \udfff"}"""),
                 })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Raw(json) };
            var body = await owner.SendAsync(request).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
            body["detail"]![0]!["type"]!.GetValue<string>().ShouldBe("string_unicode", $"{method} {path}");
        }
        (await owner.GetAsync("/api/v1/business").ShouldAnswer(HttpStatusCode.OK))["name"]!.GetValue<string>().ShouldBe("Acme Support");
    }

    [Fact]
    public async Task Accepting_an_invite_with_a_lone_surrogate_is_a_Laravel_422_and_the_invite_stays_pending()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("invitee");
        var invite = await business.InviteAsync(email);
        var json = $$"""{"email":"{{email}}","name":"N\ud800","password":"secure_password_123","password_confirmation":"secure_password_123"}""";

        var body = await app.Anonymous().PostAsync($"/app/invites/{invite.Id()}", Raw(json)).ShouldAnswer(HttpStatusCode.UnprocessableEntity);

        body.ShouldBeValidationError("name", "The name field must be valid Unicode text.");
        await app.Anonymous().GetAsync($"/app/invites/{invite.Id()}").ShouldAnswer(HttpStatusCode.OK);
        var invalid = await business.Pipeback().PostAsync("/app/invites", Raw("""{"email":"x⟨ff⟩@example.com","seat":"full"}"""))
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        invalid.ShouldBeValidationError("email", "The email field must be valid Unicode text.");
    }

    [Fact]
    public async Task A_device_label_with_a_NUL_or_cut_inside_an_emoji_still_signs_in()
    {
        var account = await app.RegisterAsync(password: "device-password-1");
        var emoji = string.Concat(Enumerable.Repeat("🙂", 200)); // 400 UTF-16 units: 255 would end on half an emoji
        foreach (var device in new[] { "phone\u0000tablet", emoji })
        {
            var body = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = "device-password-1", device })
                .ShouldAnswer(HttpStatusCode.OK);
            var id = long.Parse(body["access_token"]!.GetValue<string>().Split('|')[0]);
            var stored = await app.WithDbAsync(db => db.ApiTokens.Where(t => t.Id == id).Select(t => t.Name).SingleAsync());
            stored.ShouldBe(device.Contains('\0') ? "phonetablet" : emoji[..254]);
        }
    }

    [Fact]
    public async Task A_look_alike_of_a_registered_address_cannot_register_again()
    {
        var tail = Guid.NewGuid().ToString("N");
        await app.RegisterAsync(email: $"kelvin-{tail}@example.com");
        // U+212A KELVIN SIGN folds to "k": the same address, whatever the case rules.
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/register",
            new { email = $"\u212Aelvin-{tail}@example.com", full_name = "Kelvin Twin", password = "correct-horse" });
        ((int)response.StatusCode).ShouldBeOneOf([400, 422], await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        body["detail"].ShouldNotBeNull();
    }

    [Fact]
    public async Task A_name_of_only_bidi_controls_is_refused_and_a_name_with_one_is_kept_as_given()
    {
        var blank = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/register",
            new { email = Api.NewEmail("bidi"), full_name = "\u202E\u2066\u2069\u202C", password = "correct-horse" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        blank["detail"]![0]!["loc"]![1]!.GetValue<string>().ShouldBe("full_name");

        var created = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/register",
            new { email = Api.NewEmail("bidi"), full_name = "Ann \u202Egnp.exe", password = "correct-horse" })
            .ShouldAnswer(HttpStatusCode.Created);
        created["user"]!["full_name"]!.GetValue<string>().ShouldBe("Ann \u202Egnp.exe");
    }

    [Fact]
    public async Task Ten_parallel_creations_of_one_business_name_all_succeed_with_distinct_handles()
    {
        var name = $"Race {Guid.NewGuid():N}"[..20];
        var owner = await app.RegisterAsync();
        var others = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => app.RegisterAsync()));
        var callers = Enumerable.Repeat(owner, 5).Concat(others).ToList();

        var answers = await Task.WhenAll(callers.Select(async caller =>
        {
            var response = await app.As(caller.Token).PostAsJsonAsync("/api/v1/auth/business/create", new { name });
            return (Status: response.StatusCode, Text: await response.Content.ReadAsStringAsync());
        }));

        answers.ShouldAllBe(a => a.Status == HttpStatusCode.Created, string.Join("\n", answers.Select(a => $"{a.Status} {a.Text}")));
        var handles = answers.Select(a => System.Text.Json.Nodes.JsonNode.Parse(a.Text)!["handle"]!.GetValue<string>()).ToList();
        handles.Distinct().Count().ShouldBe(10);
        var slug = name.ToLowerInvariant().Replace(' ', '-');
        handles.ShouldAllBe(h => h == slug || h.StartsWith(slug + "-"));
    }
}

public sealed class HostileTextTestsOnSqlite(SqliteApp app) : HostileTextTests(app), IClassFixture<SqliteApp>;

public sealed class HostileTextTestsOnPostgres(PostgresApp app) : HostileTextTests(app), IClassFixture<PostgresApp>;
