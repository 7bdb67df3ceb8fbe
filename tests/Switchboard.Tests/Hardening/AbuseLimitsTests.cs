using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Hardening;

/// <summary>
/// Rate limits on the routes an attacker would hammer, seen through a real Kestrel listener so that the
/// client address (and X-Forwarded-For from a loopback proxy such as nginx) is what production sees.
/// </summary>
public sealed class AbuseLimitsTests(AbuseLimitsTests.App app) : IClassFixture<AbuseLimitsTests.App>
{
    public sealed class App : KestrelSqliteApp
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("RateLimits:Login:PerIpPerMinute", "3"),
            new("Invites:CreatePerMinute", "3"),
            new("Invites:LinkPerMinute", "4"),
            new("Realtime:CorsOrigins:0", "https://dashboard.example.com"),
        ];
    }

    private HttpClient Real(string? forwardedFor = null, string? token = null, Guid? workspace = null)
    {
        var client = new HttpClient { BaseAddress = app.Address };
        if (forwardedFor is not null) client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        if (workspace is not null) client.DefaultRequestHeaders.Add("x-workspace-id", workspace.ToString());
        return client;
    }

    [Fact]
    public async Task Login_limits_follow_the_client_address_given_by_a_loopback_proxy()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await Real("203.0.113.7").PostAsJsonAsync("/api/v1/auth/login", new { email = Api.NewEmail(), password = "whatever-1" })).StatusCode);
        statuses.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
        // Another client behind the same proxy is not held up.
        (await Real("203.0.113.8").PostAsJsonAsync("/api/v1/auth/login", new { email = Api.NewEmail(), password = "whatever-1" }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_PingBack_invite_is_limited_per_caller_too_so_addresses_cannot_be_guessed_at_speed()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var client = Real(token: business.Owner.Token, workspace: business.Id);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await client.PostAsync($"/api/v1/team/invite?email={Api.NewEmail("guess")}", null)).StatusCode);
        statuses.ShouldBe([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests]);
        var limited = await client.PostAsync($"/api/v1/team/invite?email={Api.NewEmail("guess")}", null);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        (await limited.ReadJsonAsync()).Detail().ShouldContain("Too many");
    }

    [Fact]
    public async Task Creating_invites_is_limited_per_caller()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var client = Real(token: business.Owner.Token, workspace: business.Id);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await client.PostAsJsonAsync("/app/invites", new { email = Api.NewEmail("spam"), seat = "lite" })).StatusCode);
        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.Created);
        statuses[3].ShouldBe(HttpStatusCode.TooManyRequests);
        var limited = await client.PostAsJsonAsync("/app/invites", new { email = Api.NewEmail("spam"), seat = "lite" });
        limited.Headers.RetryAfter.ShouldNotBeNull();
        (await limited.ReadJsonAsync())["message"]!.GetValue<string>().ShouldContain("Too many");
    }

    [Fact]
    public async Task The_public_invite_link_is_limited_per_client_address()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await Real("198.51.100.20").GetAsync($"/app/invites/{Guid.NewGuid()}")).StatusCode);
        statuses.Take(4).ShouldAllBe(s => s == HttpStatusCode.NotFound);
        statuses[4].ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task The_REST_API_sends_no_CORS_grant_and_socket_polling_grants_only_configured_origins()
    {
        var rest = new HttpRequestMessage(HttpMethod.Get, "/api/v1/team/members");
        rest.Headers.Add("Origin", "https://evil.example.com");
        var restAnswer = await Real().SendAsync(rest);
        restAnswer.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();

        foreach (var (origin, granted) in new[] { ("https://dashboard.example.com", true), ("https://evil.example.com", false) })
        {
            var poll = new HttpRequestMessage(HttpMethod.Get, "/socket.io/?EIO=4&transport=polling");
            poll.Headers.Add("Origin", origin);
            var answer = await Real().SendAsync(poll);
            var header = answer.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
            if (granted) header.ShouldBe(origin);
            else header.ShouldNotBe(origin);
        }
    }
}
