using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Faces;
using Switchboard.Faces.OpenApi;
using Switchboard.Tests.Hardening;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.OpenApi;

/// <summary>
/// The OpenAPI document against the app's own route table and against what the routes answer: every route is
/// there, one schema per type, the bearer scheme where a token is needed, x-workspace-id where a workspace is
/// acted in, integers as integers, and every refusal a probe meets is listed with its face's error body.
/// </summary>
public sealed class OpenApiDocumentTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private sealed record Route(string Method, string Pattern, EndpointMetadataCollection Metadata)
    {
        public bool IsPipeback => Pattern.StartsWith("/app");
        public override string ToString() => $"{Method} {Pattern}";
    }

    private IReadOnlyList<Route> Routes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } p && (p.StartsWith("/api/v1") || p.StartsWith("/app")))
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => new Route(m, "/" + e.RoutePattern.RawText!.Trim('/'), e.Metadata)))
            .ToList();

    private async Task<JsonNode> DocumentAsync() =>
        await app.Anonymous().GetAsync("/openapi/v1.json").ShouldAnswer(HttpStatusCode.OK);

    private static JsonNode? Operation(JsonNode document, Route route) =>
        document["paths"]?[route.Pattern]?[route.Method.ToLowerInvariant()];

    [Fact]
    public async Task Every_route_is_documented_with_its_credential_workspace_header_and_refusal_shapes()
    {
        var document = await DocumentAsync();
        var routes = Routes();
        routes.Count.ShouldBeGreaterThan(60);
        document["components"]!["securitySchemes"]![BearerScheme.Name]!["scheme"]!.GetValue<string>().ShouldBe("bearer");
        var problems = new List<string>();
        foreach (var route in routes)
        {
            var operation = Operation(document, route);
            if (operation is null) { problems.Add($"{route} is not in the document"); continue; }
            var needsToken = FaceResponses.RequiresToken(route.Metadata);
            var hasSecurity = operation["security"]?.AsArray().Any(s => s!.AsObject().ContainsKey(BearerScheme.Name)) == true;
            if (needsToken != hasSecurity) problems.Add($"{route}: needs a token {needsToken}, documents bearer {hasSecurity}");
            var responses = operation["responses"]!.AsObject();
            if (needsToken && !responses.ContainsKey("401")) problems.Add($"{route}: needs a token but lists no 401");
            if (route.Metadata.GetMetadata<WorkspaceScopedMetadata>() is not null)
            {
                var header = operation["parameters"]?.AsArray().FirstOrDefault(p => p!["name"]!.GetValue<string>() == "x-workspace-id");
                if (header is null || header["in"]!.GetValue<string>() != "header")
                    problems.Add($"{route}: acts in a workspace but does not declare the x-workspace-id header");
                else if (route.IsPipeback && header["required"]?.GetValue<bool>() != true)
                    problems.Add($"{route}: x-workspace-id is required on Pipeback");
                if (!responses.ContainsKey("404")) problems.Add($"{route}: acts in a workspace but lists no 404");
            }
            foreach (var (status, response) in responses)
            {
                if (int.Parse(status) < 400) continue;
                var schema = response!["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>();
                var expected = "#/components/schemas/" + ErrorSchemas.For(route.IsPipeback ? FaceKind.Pipeback : FaceKind.PingBack, int.Parse(status));
                if (schema != expected) problems.Add($"{route}: {status} answers {schema ?? "no body"}, not {expected}");
            }
        }
        problems.ShouldBeEmpty(string.Join("\n", problems));

        var schemas = document["components"]!["schemas"]!;
        Required(schemas[ErrorSchemas.PingBackError]!).ShouldBe(["detail"]);
        Required(schemas[ErrorSchemas.PingBackValidationError]!).ShouldBe(["detail"]);
        schemas[ErrorSchemas.PingBackValidationError]!["properties"]!["detail"]!["type"]!.GetValue<string>().ShouldBe("array");
        Required(schemas[ErrorSchemas.PipebackError]!).ShouldBe(["message"]);
        Required(schemas[ErrorSchemas.PipebackValidationError]!).ShouldBe(["message", "errors"], ignoreOrder: true);
    }

    [Fact]
    public async Task Each_type_has_its_own_schema_so_no_two_bodies_share_a_name()
    {
        var document = await DocumentAsync();
        var typesBySchema = new Dictionary<string, HashSet<Type>>();
        var checkedBodies = 0;
        foreach (var route in Routes())
        {
            var operation = Operation(document, route);
            if (operation is null) continue;
            foreach (var accepts in route.Metadata.OfType<IAcceptsMetadata>().Where(a => a.RequestType is not null))
            {
                Note(operation["requestBody"]?["content"]?["application/json"]?["schema"], accepts.RequestType!);
                checkedBodies++;
            }
            foreach (var produces in route.Metadata.OfType<IProducesResponseTypeMetadata>().Where(p => p.Type is { } t && t != typeof(void)))
            {
                var schema = operation["responses"]?[produces.StatusCode.ToString()]?["content"]?["application/json"]?["schema"];
                // Pipeback's envelope and lists hold the type one level down.
                schema = schema?["properties"]?["data"] ?? schema;
                var type = produces.Type!;
                if (type.IsArray) (type, schema) = (type.GetElementType()!, schema?["items"]);
                else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>)) (type, schema) = (type.GetGenericArguments()[0], schema?["items"]);
                Note(schema, type);
            }
        }
        checkedBodies.ShouldBeGreaterThan(25);
        var shared = typesBySchema.Where(s => s.Value.Count > 1).Select(s => $"{s.Key}: {string.Join(", ", s.Value.Select(t => t.FullName))}").ToList();
        shared.ShouldBeEmpty(string.Join("\n", shared));
        typesBySchema.Count.ShouldBeGreaterThan(40);
        foreach (var name in typesBySchema.Keys) document["components"]!["schemas"]![name].ShouldNotBeNull(name);

        void Note(JsonNode? schema, Type type)
        {
            var reference = schema?["$ref"]?.GetValue<string>();
            if (reference is null) return;
            var name = reference["#/components/schemas/".Length..];
            if (!typesBySchema.TryGetValue(name, out var types)) typesBySchema[name] = types = [];
            types.Add(type);
        }
    }

    [Fact]
    public async Task Page_numbers_are_integers_on_both_list_routes_and_the_audit_log()
    {
        var document = await DocumentAsync();
        foreach (var path in new[] { "/api/v1/team/members", "/app/members", "/api/v1/team/audit" })
            foreach (var name in new[] { "page", "page_size" })
                document["paths"]![path]!["get"]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == name)!
                    ["schema"]!["type"]!.GetValue<string>().ShouldBe("integer", $"{path} {name}");
    }

    /// <summary>
    /// Every route, probed by a caller without a token, a stranger, an agent, an owner without the workspace header, an
    /// owner with a malformed body, and last the owner with a body that passes most checks: each answer's status is one
    /// the document lists for that route, and a refusal carries its face's error body.
    /// </summary>
    [Fact]
    public async Task Every_status_a_probe_meets_is_one_the_document_lists()
    {
        var document = await DocumentAsync();
        var problems = new List<string>();
        var probes = 0;
        // Reads share one tenant; a write may end what the next route needs (a token, a member), so it gets its own.
        var reader = await Tenant.CreateAsync(app);
        foreach (var route in Routes())
        {
            var operation = Operation(document, route)!;
            var listed = operation["responses"]!.AsObject().Select(r => int.Parse(r.Key)).ToHashSet();
            var tenant = route.Method == "GET" ? reader : await Tenant.CreateAsync(app);
            var stranger = await app.RegisterAsync();
            var owner = tenant.Business.Owner.Token;
            var path = Fill(route.Pattern, tenant);
            var withBody = route.Method is "POST" or "PUT" or "PATCH" or "DELETE";
            var body = RouteTable.Body(tenant.Business.Id);
            body["password"] = "probe-password";
            foreach (var (who, token, workspace, content) in new (string, string?, Guid?, string?)[]
                     {
                         ("no token", null, null, withBody ? body.ToJsonString() : null),
                         ("a stranger", stranger.Token, tenant.Business.Id, withBody ? body.ToJsonString() : null),
                         ("an agent", tenant.Agent.Token, tenant.Business.Id, withBody ? body.ToJsonString() : null),
                         ("the owner without x-workspace-id", owner, null, withBody ? body.ToJsonString() : null),
                         ("the owner, malformed JSON", owner, tenant.Business.Id, withBody ? "{\"email\":" : null),
                         ("the owner, malformed ids", owner, tenant.Business.Id, null),
                         ("the owner", owner, tenant.Business.Id, withBody ? body.ToJsonString() : null),
                     })
            {
                var target = who == "the owner, malformed ids" ? Fill(route.Pattern, null, "not-an-id") : path;
                if (target == path && who == "the owner, malformed ids") continue;
                using var client = token is null ? app.Anonymous() : app.As(token, workspace);
                using var request = new HttpRequestMessage(new HttpMethod(route.Method), target);
                if (content is not null) request.Content = new StringContent(content, Encoding.UTF8, "application/json");
                using var response = await client.SendAsync(request);
                probes++;
                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync();
                if (!listed.Contains(status))
                    problems.Add($"{route} as {who} → {status} {text}, the document lists {string.Join(", ", listed.Order())}");
                else if (status >= 400 && !HasFaceShape(route, status, text))
                    problems.Add($"{route} as {who} → {status} {text}: not in its face's error shape with a code");
            }
        }
        probes.ShouldBeGreaterThan(300);
        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    /// <summary>
    /// The request records are the document's schemas; the handlers read their bodies field by field (for the faces'
    /// own 422s). This holds the two together: each route's documented body is sent by its owner with every field of
    /// the wrong JSON kind (a number for text, text for a number or a switch, text for a list or an object), and the 422
    /// must name every documented field. A field the record declares but the handler no longer reads, or reads under
    /// another name, fails here; so does a route whose body the document forgot.
    /// </summary>
    [Fact]
    public async Task Every_documented_body_field_is_one_its_route_reads()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!;
        var problems = new List<string>();
        var checkedRoutes = 0;
        foreach (var route in Routes())
        {
            var reference = Operation(document, route)?["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>();
            if (reference is null) continue;
            var properties = schemas[reference["#/components/schemas/".Length..]]?["properties"]?.AsObject();
            if (properties is null || properties.Count == 0) continue;
            var wrong = new JsonObject();
            foreach (var (name, schema) in properties) wrong[name] = WrongKindFor(schema);
            var tenant = await Tenant.CreateAsync(app);
            using var client = app.As(tenant.Business.Owner.Token, tenant.Business.Id);
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), Fill(route.Pattern, tenant))
            {
                Content = new StringContent(wrong.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            // A refusal before the body is read (the probe's ids, a state) checks nothing here; the count below holds
            // the test to most routes.
            if (response.StatusCode != HttpStatusCode.UnprocessableEntity) continue;
            checkedRoutes++;
            var body = JsonNode.Parse(text)!;
            var named = route.IsPipeback
                ? body["errors"]!.AsObject().Select(e => e.Key).ToHashSet()
                : body["detail"]!.AsArray().Select(d => d!["loc"]!.AsArray().Last()!.ToString()).ToHashSet();
            foreach (var (name, _) in properties)
                if (!named.Any(n => n == name || n.StartsWith(name + ".", StringComparison.Ordinal)))
                    problems.Add($"{route}: documents \"{name}\", but a wrong value of it is not refused ({text})");
        }
        checkedRoutes.ShouldBeGreaterThan(20);
        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    private static JsonNode WrongKindFor(JsonNode? schema)
    {
        var type = schema?["type"] switch
        {
            JsonValue one => one.GetValue<string>(),
            JsonArray many => many.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
            _ => null,
        };
        return type is "integer" or "number" or "boolean" or "array" or "object" ? JsonValue.Create("not-this-kind")! : JsonValue.Create(12345)!;
    }

    private static bool HasFaceShape(Route route, int status, string text)
    {
        var body = JsonNode.Parse(text) as JsonObject;
        if (body is null) return false;
        // Every refusal carries the stable code a client switches on (Domain/RefusalCodes), as the schemas declare.
        if (body["code"] is not JsonValue code || code.GetValue<string>().Length == 0) return false;
        if (!route.IsPipeback) return status == 422 ? body["detail"] is JsonArray : body["detail"] is JsonValue;
        return body["message"] is JsonValue && (status != 422 || body["errors"] is JsonObject);
    }

    private static string Fill(string pattern, Tenant? tenant, string? bad = null)
    {
        string Id(Guid? real) => bad ?? (real ?? Guid.NewGuid()).ToString();
        var path = pattern
            .Replace("{member_id}", Id(tenant?.AgentMember))
            .Replace("{conversation_id}", Id(tenant?.Conversation))
            .Replace("{agent_id}", Id(tenant?.Agent.UserId));
        var id = pattern.Contains("invite-links") ? tenant?.InviteLink
            : pattern.Contains("invites") ? tenant?.Invite
            : pattern.Contains("conversations") ? tenant?.Conversation
            : tenant?.AgentMember;
        path = path.Replace("{id}", Id(id));
        if (pattern.EndsWith("/team/assign/{conversation_id}")) path += $"?agent_id={Id(tenant?.Agent.UserId)}";
        if (pattern.EndsWith("/team/invite")) path += $"?email={Api.NewEmail("probe")}";
        return path;
    }

    private static string[] Required(JsonNode schema) => schema["required"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray();
}
