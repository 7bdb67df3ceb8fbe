using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Security;

/// <summary>
/// An invite's id is the capability its mailed link carries. Nobody may read the id of an invite they could
/// not have created: not a lite seat, an agent, an admin without the invite right, an admin (for an admin
/// invite), nor a member of another workspace — through any route, audit row or event.
/// </summary>
public abstract partial class InviteTakeoverTests(SwitchboardApp app)
{
    private sealed record World(Business Business, Account Admin, Account Agent, Account Lite, Guid AgentInvite, Guid AdminInvite,
        string AdminInviteEmail);

    private async Task<World> CreateWorldAsync()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (admin, _) = await business.AddMemberAsync("admin");
        var (agent, _) = await business.AddMemberAsync();
        var (lite, liteMember) = await business.AddMemberAsync();
        await business.Client.PatchAsJsonAsync($"/api/v1/team/members/{liteMember}", new { seat = "lite" }).ShouldAnswer(HttpStatusCode.OK);
        var agentInvite = (await business.InviteAsync(Api.NewEmail("agent-invitee"), "full", "agent")).Id();
        var adminEmail = Api.NewEmail("admin-invitee");
        var adminInvite = (await business.InviteAsync(adminEmail, "full", "admin")).Id();
        return new World(business, admin, agent, lite, agentInvite, adminInvite, adminEmail);
    }

    private Task SetAdminsCanInviteAsync(Business business, bool on) =>
        business.Client.PatchAsJsonAsync("/api/v1/team/settings", new { admins_can_invite = on }).ShouldAnswer(HttpStatusCode.OK);

    [Fact]
    public async Task Members_who_cannot_manage_invites_are_refused_the_list()
    {
        var w = await CreateWorldAsync();
        foreach (var who in new[] { w.Lite, w.Agent, w.Admin })
        {
            var body = await app.As(who.Token, w.Business.Id).GetAsync("/app/invites").ShouldAnswer(HttpStatusCode.Forbidden);
            body.Text("message").ShouldBe("You are not allowed to manage invites of this workspace.");
        }
    }

    [Fact]
    public async Task An_admin_with_the_invite_right_sees_agent_invites_only_and_the_owner_sees_all()
    {
        var w = await CreateWorldAsync();
        await SetAdminsCanInviteAsync(w.Business, true);

        var seenByAdmin = (await app.As(w.Admin.Token, w.Business.Id).GetAsync("/app/invites").ShouldAnswer(HttpStatusCode.OK))["data"]!
            .AsArray().Select(i => i!.Id()).ToList();
        seenByAdmin.ShouldBe([w.AgentInvite]);
        var seenByOwner = (await w.Business.Pipeback().GetAsync("/app/invites").ShouldAnswer(HttpStatusCode.OK))["data"]!
            .AsArray().Select(i => i!.Id()).ToList();
        seenByOwner.ShouldBe([w.AgentInvite, w.AdminInvite], ignoreOrder: true);
    }

    [Fact]
    public async Task Audit_rows_about_invites_show_their_id_to_the_owner_only()
    {
        var w = await CreateWorldAsync();
        var adminView = await app.As(w.Admin.Token, w.Business.Id).GetAsync("/api/v1/team/audit").ShouldAnswer(HttpStatusCode.OK);
        var inviteRows = adminView["items"]!.AsArray().Where(i => i!["target_type"]?.GetValue<string>() == "invite").ToList();
        inviteRows.Count.ShouldBe(2);
        inviteRows.ShouldAllBe(i => i!["target_id"] == null);

        var ownerView = await w.Business.Client.GetAsync("/api/v1/team/audit").ShouldAnswer(HttpStatusCode.OK);
        ownerView["items"]!.AsArray().Where(i => i!["target_type"]?.GetValue<string>() == "invite")
            .Select(i => Guid.Parse(i!["target_id"]!.GetValue<string>()))
            .ShouldBe([w.AgentInvite, w.AdminInvite], ignoreOrder: true);
    }

    /// <summary>
    /// Every GET route of both faces, read as each kind of member (and as the owner of another workspace):
    /// every UUID in any answer is tried as an invite link. None may accept the admin invite, and afterwards
    /// the real invitee still can.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_value_a_member_can_read_accepts_an_invite_they_could_not_have_created(bool adminsCanInvite)
    {
        var w = await CreateWorldAsync();
        await SetAdminsCanInviteAsync(w.Business, adminsCanInvite);
        var other = await app.CreateBusinessAsync(plan: "pro");
        var readers = new List<(string Who, string Token, Guid Workspace)>
        {
            ("lite seat", w.Lite.Token, w.Business.Id),
            ("agent", w.Agent.Token, w.Business.Id),
            (adminsCanInvite ? "admin with the invite right" : "admin without the invite right", w.Admin.Token, w.Business.Id),
            ("owner of another workspace", other.Owner.Token, w.Business.Id),
            ("owner of another workspace, in theirs", other.Owner.Token, other.Id),
        };
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } p && (p.StartsWith("/api/v1") || p.StartsWith("/app")) && !p.Contains('{')
                && (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Contains("GET"))
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
            .Distinct().ToList();
        routes.ShouldContain("/app/invites");
        routes.ShouldContain("/api/v1/team/audit");

        foreach (var (who, token, workspace) in readers)
        {
            var seen = new HashSet<Guid>();
            foreach (var route in routes)
            {
                var response = await app.As(token, workspace).GetAsync(route);
                foreach (Match m in Uuid().Matches(await response.Content.ReadAsStringAsync())) seen.Add(Guid.Parse(m.Value));
            }
            seen.ShouldNotContain(w.AdminInvite, $"{who} read the admin invite's id");
            if (!adminsCanInvite || who.StartsWith("owner of another")) seen.ShouldNotContain(w.AgentInvite, $"{who} read the agent invite's id");
            foreach (var id in seen.Where(id => id != w.AgentInvite))
            {
                var taken = await app.Anonymous().PostAsJsonAsync($"/app/invites/{id}",
                    InviteSteps.Acceptance(w.AdminInviteEmail, "Mallory", "mallory-password-1"));
                taken.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{who}: {id} → {await taken.Content.ReadAsStringAsync()}");
            }
        }

        var token2 = await app.AcceptAsync(w.AdminInvite, w.AdminInviteEmail);
        var me = await app.As(token2).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);
        me["businesses"]!.AsArray().ShouldContain(b => b!["id"]!.GetValue<string>() == w.Business.Id.ToString()
            && b["role"]!.GetValue<string>() == "admin");
    }

    [Fact]
    public async Task Resend_and_revoke_of_an_admin_invite_are_refused_to_an_admin()
    {
        var w = await CreateWorldAsync();
        await SetAdminsCanInviteAsync(w.Business, true);
        var admin = app.As(w.Admin.Token, w.Business.Id);
        (await admin.PostAsync($"/app/invites/{w.AdminInvite}/resend", null).ShouldAnswer(HttpStatusCode.Forbidden))
            .Text("message").ShouldBe("Admins can only manage invites of agents.");
        await admin.DeleteAsync($"/app/invites/{w.AdminInvite}").ShouldAnswer(HttpStatusCode.Forbidden);
        await app.Anonymous().GetAsync($"/app/invites/{w.AdminInvite}").ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_invite_accepted_event_names_the_invite_only_for_those_who_manage_it()
    {
        var w = await CreateWorldAsync();
        await app.AcceptAsync(w.AdminInvite, w.AdminInviteEmail);
        // The domain event keeps the invite's role so realtime can choose its audience (tested end to end in
        // tests/e2e/switchboard/realtime.test.mjs with the official client).
        app.Events.Of<InviteAccepted>(w.Business.Id).ShouldContain(e => e.InviteId == w.AdminInvite && e.InviteRole == Role.Admin);
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Uuid();
}

public sealed class InviteTakeoverTestsOnSqlite(SqliteApp app) : InviteTakeoverTests(app), IClassFixture<SqliteApp>;

public sealed class InviteTakeoverTestsOnPostgres(PostgresApp app) : InviteTakeoverTests(app), IClassFixture<PostgresApp>;
