using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Hardening;

/// <summary>
/// Drives every route of the OpenAPI document with generated hostile input over real HTTP. Every answer must
/// be below 500, every refusal in its face's error shape, and afterwards every list still reads. Bodies go out
/// as raw bytes, so they can hold lone surrogates and invalid UTF-8 (and paths and queries invalid
/// percent-encoded UTF-8); strings include NFKC and case-folding look-alikes of the world's own addresses and
/// bidi controls (see BadInput and FuzzWorld). The seed is printed; set SWITCHBOARD_FUZZ_SEED to replay a run
/// and SWITCHBOARD_FUZZ_CASES to change its size.
/// </summary>
public sealed class BadInputFuzzTests(KestrelSqliteApp app, ITestOutputHelper output) : IClassFixture<KestrelSqliteApp>
{
    private sealed record Operation(string Method, string Path, string[] Query);
    private sealed record Case(int Index, string Method, string Path, byte[]? Body, string Auth, string? Workspace);

    [Fact]
    public async Task Ten_thousand_hostile_requests_never_yield_a_5xx_or_a_shapeless_error()
    {
        var seed = int.Parse(Environment.GetEnvironmentVariable("SWITCHBOARD_FUZZ_SEED") ?? "20261125");
        var cases = int.Parse(Environment.GetEnvironmentVariable("SWITCHBOARD_FUZZ_CASES") ?? "10000");
        output.WriteLine($"fuzz seed {seed}, {cases} cases (replay: SWITCHBOARD_FUZZ_SEED={seed})");
        var world = await FuzzWorld.CreateAsync(app);
        var operations = await OperationsAsync();
        operations.Count.ShouldBeGreaterThan(20);
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        using var http = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };

        await Parallel.ForEachAsync(Enumerable.Range(0, cases), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (index, _) =>
        {
            var random = new Random(HashCode.Combine(seed, index));
            var operation = operations[index % operations.Count];
            var attempt = Generate(random, index, operation, world);
            var (status, text) = await SendAsync(http, attempt);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            var problem = Judge(attempt, status, text);
            if (problem is not null)
                failures.Enqueue($"#{index} {attempt.Method} {attempt.Path} body={Clip(attempt.Body is null ? null : Encoding.UTF8.GetString(attempt.Body))} → {status} {Clip(text)}: {problem}");
        });

        output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        failures.ShouldBeEmpty($"seed {seed}:\n" + string.Join("\n", failures.Take(20)));
        await EveryListStillReadsAsync(http, world);
    }

    private async Task<List<Operation>> OperationsAsync()
    {
        var document = await app.Anonymous().GetAsync("/openapi/v1.json").ShouldAnswer(System.Net.HttpStatusCode.OK);
        var list = new List<Operation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method == "parameters" || path == "/api/v1/auth/logout") continue; // logout would end the run's session
                var query = operation?["parameters"]?.AsArray()
                    .Where(p => p!["in"]!.GetValue<string>() == "query").Select(p => p!["name"]!.GetValue<string>()).ToArray() ?? [];
                list.Add(new Operation(method.ToUpperInvariant(), path, query));
            }
        return list;
    }

    private static Case Generate(Random random, int index, Operation operation, FuzzWorld world)
    {
        var ids = world.Ids;
        var path = System.Text.RegularExpressions.Regex.Replace(operation.Path, @"\{[^}]+\}",
            _ => BadInput.InUrl(Uri.EscapeDataString(BadInput.Text(random, ids) is { Length: > 0 and < 2000 } t ? t : "x")));
        var query = operation.Query.Where(_ => random.Next(5) != 0)
            .Select(q => $"{q}={BadInput.InUrl(Uri.EscapeDataString(BadInput.Text(random, ids) is { Length: < 2000 } t ? t : "x"))}");
        if (random.Next(6) == 0) query = query.Append($"{BadInput.Fields[random.Next(BadInput.Fields.Length)]}=extra");
        var joined = string.Join("&", query);
        if (joined.Length > 0) path += "?" + joined;
        var body = operation.Method is "POST" or "PUT" or "PATCH" or "DELETE" && random.Next(6) != 0
            ? BadInput.Body(random, ids)
            : null;
        var auth = random.Next(10) switch
        {
            0 => "",
            1 => "Bearer " + BadInput.Text(random, ids),
            2 => world.Agent.Token,
            _ => world.Own.Owner.Token,
        };
        var workspace = random.Next(8) switch
        {
            0 => null,
            1 => BadInput.Text(random, ids),
            2 => world.Foreign.Id.ToString(),
            _ => world.Own.Id.ToString(),
        };
        return new Case(index, operation.Method, path, body, auth, workspace);
    }

    private static async Task<(int, string)> SendAsync(HttpClient http, Case attempt)
    {
        using var request = new HttpRequestMessage(new HttpMethod(attempt.Method), attempt.Path);
        if (attempt.Body is not null)
        {
            request.Content = new ByteArrayContent(attempt.Body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        if (attempt.Auth.Length > 0)
            request.Headers.TryAddWithoutValidation("Authorization", attempt.Auth.StartsWith("Bearer ") ? attempt.Auth : "Bearer " + attempt.Auth);
        if (attempt.Workspace is not null) request.Headers.TryAddWithoutValidation("x-workspace-id", attempt.Workspace);
        try
        {
            using var response = await http.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException error)
        {
            // A header the client itself cannot send (e.g. a NUL) never reaches the server: not a server failure.
            return error.InnerException is IOException ? (599, error.Message) : (0, error.Message);
        }
    }

    private static string? Judge(Case attempt, int status, string text)
    {
        if (status == 0) return null;
        if (status >= 500) return "server error";
        if (status < 400) return null;
        // Kestrel refuses a NUL in the request target or a control character in a header before any app code
        // runs, with an empty 400: HTTP-level, not an answer of ours to shape.
        if (status == 400 && text.Length == 0 && (attempt.Path.Contains("%00") || HasControl(attempt.Workspace) || HasControl(attempt.Auth)))
            return null;
        JsonNode? body;
        try { body = JsonNode.Parse(text); } catch { return "error body is not JSON"; }
        var pipeback = attempt.Path.StartsWith("/app");
        var key = pipeback ? "message" : "detail";
        return body is JsonObject o && o.ContainsKey(key) ? null : $"error body lacks \"{key}\"";
    }

    private static async Task EveryListStillReadsAsync(HttpClient http, FuzzWorld world)
    {
        foreach (var path in new[] { "/api/v1/team/members", "/api/v1/conversations/", "/api/v1/team/audit?page_size=200",
                     "/api/v1/billing", "/api/v1/team/routing", "/api/v1/auth/me", "/app/invites", "/app/members", "/app/subscription" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", world.Own.Owner.Token);
            request.Headers.Add("x-workspace-id", world.Own.Id.ToString());
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).ShouldBe(200, $"{path} after the fuzz: {text}");
            JsonNode.Parse(text).ShouldNotBeNull();
        }
    }

    private static bool HasControl(string? header) => header is not null && header.Any(c => char.IsControl(c) || c > 0x7e);

    private static string Clip(string? text) => text is null ? "∅" : text.Length > 160 ? text[..160] + "…" : text;
}
