using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Operations;

/// <summary>
/// The spans of one invite accept (POST /app/invites/{id}), as the in-memory exporter receives them: the request's
/// server span, the use case's span from WorkspaceWork carrying the workspace id, the database's spans under it —
/// and no address, password or token anywhere in a span's name or attributes.
/// </summary>
public abstract class InviteAcceptSpansTests(SwitchboardApp app, SpanList spans)
{
    [Fact]
    public async Task One_accept_is_one_trace_whose_use_case_span_carries_the_workspace_id_and_no_address_or_secret()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("traced");
        var invite = await business.InviteAsync(email);
        var path = $"/app/invites/{invite.Id()}";

        var body = await app.Anonymous().PostAsJsonAsync(path, InviteSteps.Acceptance(email)).ShouldAnswer(HttpStatusCode.OK);
        var token = body["token"]!.GetValue<string>();

        // The server span ends just after the answer is written: wait for it, then for nothing else.
        var request = await Polling.ForAsync(() => spans.Snapshot().FirstOrDefault(s =>
            s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == path
            && s.GetTagItem("http.request.method") as string == "POST"), $"the server span of POST {path}");
        var trace = spans.Snapshot().Where(s => s.TraceId == request.TraceId).ToList();

        var useCase = trace.Where(s => s.Source.Name == "Switchboard").ToList();
        useCase.ShouldNotBeEmpty(Describe(trace));
        var work = useCase.Single(s => s.DisplayName.StartsWith("AcceptInvite."));
        work.GetTagItem("switchboard.workspace_id").ShouldBe(business.Id.ToString());
        work.GetTagItem("switchboard.committed").ShouldBe(true);
        work.ParentSpanId.ShouldBe(request.SpanId);
        // The lock, the enrollment's reads and writes and the commit ran inside the use case's span. (By time, not by
        // parent id: in this process the SQLite fixture's EF Core listener also wraps the PostgreSQL fixture's
        // commands in spans of its own provider, so there a statement's parent is a span this list never sees.)
        var end = work.StartTimeUtc + work.Duration;
        trace.Count(s => s.Kind == ActivityKind.Client && s.StartTimeUtc >= work.StartTimeUtc && s.StartTimeUtc + s.Duration <= end)
            .ShouldBeGreaterThan(0, Describe(trace));

        string[] secrets = [email, email.ToUpperInvariant(), InviteSteps.Password, token, token.Split('|')[1], business.Owner.Token];
        foreach (var span in trace)
        {
            var texts = span.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(span.DisplayName).ToList();
            foreach (var secret in secrets)
                texts.ShouldAllBe(text => !text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{span.DisplayName} names a secret");
            // Any address of the test's domain at all (SQL's own "@p0" parameters are not addresses).
            texts.ShouldAllBe(text => !text.Contains("@example.com", StringComparison.OrdinalIgnoreCase),
                $"{span.DisplayName} carries an address: {string.Join(", ", texts)}");
        }
    }

    [Fact]
    public async Task A_warm_members_read_adds_no_span_of_ours_only_the_workspace_id_on_the_request_span()
    {
        var business = await app.CreateBusinessAsync();
        var client = app.As(business.Owner.Token, business.Id);
        await client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);
        // Tell this request from the first (which filled the cache) by a trace id of our own choosing.
        var path = "/api/v1/team/members";
        var marker = Guid.NewGuid().ToString("N");
        client.DefaultRequestHeaders.Add("traceparent", $"00-{marker}-0123456789abcdef-01");
        await client.GetAsync(path).ShouldAnswer(HttpStatusCode.OK);

        var request = await Polling.ForAsync(() => spans.Snapshot().FirstOrDefault(s =>
            s.Kind == ActivityKind.Server && s.TraceId.ToHexString() == marker), "the server span of the warm read");
        request.GetTagItem("switchboard.workspace_id").ShouldBe(business.Id.ToString());
        var trace = spans.Snapshot().Where(s => s.TraceId == request.TraceId).ToList();
        trace.Where(s => s.Source.Name == "Switchboard").ShouldBeEmpty(Describe(trace));
    }

    private static string Describe(IEnumerable<Activity> trace) =>
        string.Join("\n", trace.Select(s => $"{s.Source.Name} {s.Kind} {s.DisplayName} {s.SpanId} ← {s.ParentSpanId}"));
}

public sealed class InviteAcceptSpansTestsOnSqlite(TracedSqliteApp app)
    : InviteAcceptSpansTests(app, app.Spans), IClassFixture<TracedSqliteApp>;

public sealed class InviteAcceptSpansTestsOnPostgres(TracedPostgresApp app)
    : InviteAcceptSpansTests(app, app.Spans), IClassFixture<TracedPostgresApp>;
