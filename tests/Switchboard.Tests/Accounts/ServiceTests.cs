using System.Net;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Accounts;

/// <summary>The service's own surface: health, the OpenAPI document, browsable docs, unknown routes.</summary>
public sealed class ServiceTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Healthz_is_200_when_the_database_answers()
    {
        var response = await app.Anonymous().GetAsync("/healthz");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_PingBack_route()
    {
        var document = await app.Anonymous().GetAsync("/openapi/v1.json").ShouldAnswer(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.ShouldContain("/api/v1/team/invite");
        paths.ShouldContain("/api/v1/team/members");
        paths.ShouldContain("/api/v1/team/members/{member_id}");
        paths.ShouldContain("/api/v1/team/status");
        paths.ShouldContain("/api/v1/team/assign/{conversation_id}");
        paths.ShouldContain("/api/v1/auth/register");
        paths.ShouldContain("/api/v1/billing/plan");
    }

    [Fact]
    public async Task Browsable_docs_are_served()
    {
        var response = await app.Anonymous().GetAsync("/docs/");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("openapi/v1.json");
    }

    [Fact]
    public async Task Unknown_routes_and_methods_answer_in_the_face_shape()
    {
        (await app.Anonymous().GetAsync("/api/v1/nothing-here").ShouldAnswer(HttpStatusCode.NotFound)).Detail().ShouldBe("Not Found");
        (await app.Anonymous().GetAsync("/app/nothing-here").ShouldAnswer(HttpStatusCode.NotFound))["message"]!.GetValue<string>()
            .ShouldBe("Not Found");
    }

    [Fact]
    public async Task An_oversized_body_is_refused_not_crashed_on()
    {
        var account = await app.RegisterAsync();
        var huge = new string('a', 2_000_000);
        var response = await app.As(account.Token).PostAsync("/api/v1/auth/business/create",
            new StringContent($$"""{"name":"{{huge}}"}""", System.Text.Encoding.UTF8, "application/json"));
        ((int)response.StatusCode).ShouldBeInRange(400, 499);
    }
}
