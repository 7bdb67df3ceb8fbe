using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Hardening;

/// <summary>
/// Generated from the route table: every workspace route of both faces, called by every kind of member of
/// workspace A with the ids of workspace B, must answer exactly as it answers for ids that do not exist
/// (a 404, never a 403: no existence oracle) and must leave B untouched. Callers who are not, or no longer,
/// members get 404; a revoked token gets 401.
/// </summary>
public abstract class CrossTenantTests(SwitchboardApp app)
{
    private static readonly string[] IdParameters = ["{id}", "{member_id}", "{conversation_id}", "{agent_id}"];

    [Fact]
    public async Task Ids_of_another_workspace_answer_like_ids_that_do_not_exist_and_change_nothing()
    {
        var a = await Tenant.CreateAsync(app);
        var b = await Tenant.CreateAsync(app);
        var before = await b.SnapshotAsync(app);
        var routes = RouteTable.Of(app).Where(r => IdParameters.Any(r.Pattern.Contains) && !IsInviteLink(r)).ToList();
        routes.Count.ShouldBeGreaterThan(10);
        var problems = new List<string>();

        foreach (var route in routes)
            foreach (var (who, token) in new[] { ("owner", a.Business.Owner.Token), ("admin", a.Admin.Token), ("agent", a.Agent.Token), ("lite", a.Lite.Token) })
            {
                var foreign = await SendAsync(route, token, a.Business.Id, Fill(route, b, b.Business.Id));
                var missing = await SendAsync(route, token, a.Business.Id, Fill(route, null, Guid.NewGuid()));
                if (foreign.Status is >= 200 and < 300 || foreign.Status == 403)
                    problems.Add($"{route} as {who} with B's ids → {foreign.Status} {foreign.Body}");
                else if ((foreign.Status, Normalize(foreign.Body)) != (missing.Status, Normalize(missing.Body)))
                    problems.Add($"{route} as {who}: B's ids → {foreign.Status} {foreign.Body} but unknown ids → {missing.Status} {missing.Body}");
            }

        problems.ShouldBeEmpty(string.Join("\n", problems));
        (await b.SnapshotAsync(app)).ShouldBe(before);
    }

    [Fact]
    public async Task Strangers_removed_members_and_revoked_tokens_get_nothing_from_any_workspace_route()
    {
        var a = await Tenant.CreateAsync(app);
        var b = await Tenant.CreateAsync(app);
        var stranger = await app.RegisterAsync();
        var removed = await a.Business.AddMemberAsync();
        await a.Business.Client.DeleteAsync($"/api/v1/team/members/{removed.MemberId}").ShouldAnswer(HttpStatusCode.OK);
        var revoked = (await a.Business.AddMemberAsync()).Account;
        await app.As(revoked.Token).PostAsync("/api/v1/auth/logout", null).ShouldAnswer(HttpStatusCode.OK);
        // Our own owner, naming the other workspace in the header, is a stranger there.
        var callers = new[] { ("stranger", stranger.Token, a), ("removed", removed.Account.Token, a), ("owner of A in B", a.Business.Owner.Token, b) };
        var routes = RouteTable.Of(app).Where(r => !IsInviteLink(r) && r.Pattern != "/api/v1/auth/logout").ToList();
        var before = await b.SnapshotAsync(app);
        var problems = new List<string>();

        foreach (var route in routes)
        {
            foreach (var (who, token, target) in callers)
            {
                var answer = await SendAsync(route, token, target.Business.Id, Fill(route, target, target.Business.Id));
                // An account route acts on the caller's own account, never on a workspace: any answer but a server error
                // is theirs to get (the probe body is rarely what that route wants, hence 400 and 422).
                if (answer.Status != 404 && !(route.Pattern.StartsWith("/api/v1/auth") && answer.Status is 200 or 201 or 204 or 400 or 422))
                    problems.Add($"{route} as {who} → {answer.Status} {answer.Body}");
            }
            var revokedAnswer = await SendAsync(route, revoked.Token, a.Business.Id, Fill(route, a, a.Business.Id));
            if (revokedAnswer.Status != 401) problems.Add($"{route} with a revoked token → {revokedAnswer.Status}");
        }

        problems.ShouldBeEmpty(string.Join("\n", problems));
        (await b.SnapshotAsync(app)).ShouldBe(before);
    }

    /// <summary>
    /// The invite link's routes (show, accept, join, and previewing or joining through an invite link) are reached by whoever holds the link: the unguessable id or secret
    /// is the capability, and their answers are about that invite, not about the caller's workspace.
    /// </summary>
    private static bool IsInviteLink(RouteTable.Route route) =>
        (route.Pattern == "/app/invites/{id}" && route.Method is "GET" or "POST") || route.Pattern == "/app/invites/{id}/join"
        || route.Pattern is "/app/invite-links/join" or "/app/invite-links/preview";

    private static (string Path, Guid BusinessId) Fill(RouteTable.Route route, Tenant? owner, Guid businessId)
    {
        var path = route.Pattern
            .Replace("{member_id}", (owner?.AgentMember ?? Guid.NewGuid()).ToString())
            .Replace("{conversation_id}", (owner?.Conversation ?? Guid.NewGuid()).ToString())
            .Replace("{agent_id}", (owner?.Agent.UserId ?? Guid.NewGuid()).ToString());
        var id = route.Pattern.Contains("invite-links") ? owner?.InviteLink
            : route.Pattern.Contains("invites") ? owner?.Invite
            : route.Pattern.Contains("conversations") ? owner?.Conversation
            : owner?.AgentMember;
        path = path.Replace("{id}", (id ?? Guid.NewGuid()).ToString());
        if (route.Pattern.EndsWith("/team/assign/{conversation_id}")) path += $"?agent_id={owner?.Agent.UserId ?? Guid.NewGuid()}";
        if (route.Pattern.EndsWith("/team/invite")) path += $"?email={Api.NewEmail("probe")}";
        return (path, businessId);
    }

    private async Task<(int Status, string Body)> SendAsync(RouteTable.Route route, string token, Guid workspace, (string Path, Guid BusinessId) target)
    {
        using var client = app.As(token, workspace);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), target.Path);
        if (route.Method is "POST" or "PUT" or "PATCH") request.Content = JsonContent.Create(RouteTable.Body(target.BusinessId));
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Answers may name the id that was asked for; that is not an oracle.</summary>
    private static string Normalize(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>");
}

public sealed class CrossTenantTestsOnSqlite(SqliteApp app) : CrossTenantTests(app), IClassFixture<SqliteApp>;

public sealed class CrossTenantTestsOnPostgres(PostgresApp app) : CrossTenantTests(app), IClassFixture<PostgresApp>;
