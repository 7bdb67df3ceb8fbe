using System.Net;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Hardening;

/// <summary>
/// X-Switchboard-Node carries the configured Cluster:NodeId and nothing else: without one, no header at all
/// (it used to send the host name and process id to every client).
/// </summary>
public abstract class NodeHeaderTests(SwitchboardApp unnamed, SwitchboardApp named)
{
    public const string NodeId = "edge-7";

    [Fact]
    public async Task Without_a_configured_node_id_no_response_names_the_node()
    {
        foreach (var path in new[] { "/healthz", "/api/v1/auth/me", "/app/no-such-route", "/api/v1/team/members" })
        {
            var response = await unnamed.Anonymous().GetAsync(path);
            response.Headers.Contains("X-Switchboard-Node").ShouldBeFalse(path);
            string.Join("\n", response.Headers.Select(h => $"{h.Key}: {string.Join(",", h.Value)}"))
                .ShouldNotContain(Environment.MachineName, Case.Insensitive, path);
        }
    }

    [Fact]
    public async Task A_configured_node_id_is_sent_as_is()
    {
        var ok = await named.Anonymous().GetAsync("/healthz");
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        ok.Headers.GetValues("X-Switchboard-Node").ShouldBe([NodeId]);
        var refused = await named.Anonymous().GetAsync("/api/v1/auth/me");
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        refused.Headers.GetValues("X-Switchboard-Node").ShouldBe([NodeId]);
    }
}

public sealed class NamedSqliteApp : SqliteApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Cluster:NodeId", NodeHeaderTests.NodeId)];
}

public sealed class NamedPostgresApp : PostgresApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Cluster:NodeId", NodeHeaderTests.NodeId)];
}

public sealed class NodeHeaderTestsOnSqlite(SqliteApp unnamed, NamedSqliteApp named)
    : NodeHeaderTests(unnamed, named), IClassFixture<SqliteApp>, IClassFixture<NamedSqliteApp>;

public sealed class NodeHeaderTestsOnPostgres(PostgresApp unnamed, NamedPostgresApp named)
    : NodeHeaderTests(unnamed, named), IClassFixture<PostgresApp>, IClassFixture<NamedPostgresApp>;
