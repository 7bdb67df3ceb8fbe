using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Scim;

/// <summary>An identity provider's side of SCIM, over HTTP: a token, and requests in application/scim+json.</summary>
public sealed record Provisioner(SwitchboardApp App, string Token, Guid TokenId)
{
    public HttpClient Client()
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, "/scim/v2" + path);
        if (body is not null)
            request.Content = new StringContent(body as string ?? System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/scim+json");
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return Client().SendAsync(request);
    }

    public Task<JsonNode> GetAsync(string path, HttpStatusCode status = HttpStatusCode.OK) => SendAsync(HttpMethod.Get, path).ShouldAnswer(status);

    public Task<JsonNode> PostAsync(string path, object body, HttpStatusCode status = HttpStatusCode.Created) =>
        SendAsync(HttpMethod.Post, path, body).ShouldAnswer(status);

    public Task<JsonNode> PatchAsync(string path, object body, HttpStatusCode status = HttpStatusCode.OK) =>
        SendAsync(HttpMethod.Patch, path, body).ShouldAnswer(status);

    public Task<JsonNode> PutAsync(string path, object body, HttpStatusCode status = HttpStatusCode.OK) =>
        SendAsync(HttpMethod.Put, path, body).ShouldAnswer(status);

    /// <summary>Creates a user as Entra does (userName, name, work email, externalId, active) and returns its resource.</summary>
    public Task<JsonNode> CreateUserAsync(string? email = null, string? externalId = null, bool active = true,
        HttpStatusCode status = HttpStatusCode.Created) =>
        PostAsync("/Users", new Dictionary<string, object?>
        {
            ["schemas"] = new[] { "urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User" },
            ["userName"] = email ?? Api.NewEmail("scim"),
            ["externalId"] = externalId ?? Guid.NewGuid().ToString(),
            ["active"] = active,
            ["name"] = new { givenName = "Sam", familyName = "Provisioned" },
            ["emails"] = new[] { new { primary = true, type = "work", value = email ?? Api.NewEmail("scim-mail") } },
            ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"] = new { department = "Support" },
        }, status);

    public static object Patch(params object[] operations) =>
        new { schemas = new[] { "urn:ietf:params:scim:api:messages:2.0:PatchOp" }, Operations = operations };
}

public static class ScimSteps
{
    public static async Task<Provisioner> ProvisionerAsync(this Business business)
    {
        var created = await business.App.As(business.Owner.Token, business.Id)
            .PostAsJsonAsync("/api/v1/team/scim/tokens", new { name = "Entra" }).ShouldAnswer(HttpStatusCode.Created);
        return new Provisioner(business.App, created["token"]!.GetValue<string>(), Guid.Parse(created["id"]!.GetValue<string>()));
    }

    public static string Id(this JsonNode resource) => resource["id"]!.GetValue<string>();

    public static string ScimDetail(this JsonNode error)
    {
        error["schemas"]![0]!.GetValue<string>().ShouldBe("urn:ietf:params:scim:api:messages:2.0:Error");
        return error["detail"]!.GetValue<string>();
    }
}
