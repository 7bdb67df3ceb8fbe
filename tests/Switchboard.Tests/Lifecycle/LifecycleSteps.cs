using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Lifecycle;

/// <summary>The member-lifecycle steps (suspend, restore, leave, links, bulk) over HTTP, so tests read like the workflow.</summary>
public static class LifecycleSteps
{
    public static Task<JsonNode> SuspendAsync(this Business business, Guid member, HttpStatusCode status = HttpStatusCode.OK) =>
        business.Client.PostAsync($"/api/v1/team/members/{member}/suspend", null).ShouldAnswer(status);

    public static Task<JsonNode> RestoreAsync(this Business business, Guid member, HttpStatusCode status = HttpStatusCode.OK) =>
        business.Client.PostAsync($"/api/v1/team/members/{member}/restore", null).ShouldAnswer(status);

    public static async Task<JsonNode> MemberAsync(this Business business, Guid member)
    {
        var members = await business.App.As(business.Owner.Token, business.Id).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);
        return members.AsArray().Single(m => m!["id"]!.GetValue<string>() == member.ToString())!;
    }

    public static Task<JsonNode> BillingAsync(this Business business) =>
        business.Client.GetAsync("/api/v1/billing").ShouldAnswer(HttpStatusCode.OK);

    public static int AgentsUsed(this JsonNode billing) => billing["agents_used"]!.GetValue<int>();

    /// <summary>Creates an invite link as the owner; returns the create answer's data (with token and url).</summary>
    public static async Task<JsonNode> CreateLinkAsync(this Business business, string seat = "full", string role = "agent",
        int? days = null, int? uses = null)
    {
        var body = new JsonObject { ["seat"] = seat, ["role"] = role };
        if (days is { } d) body["expires_in_days"] = d;
        if (uses is { } u) body["max_uses"] = u;
        return (await business.App.As(business.Owner.Token, business.Id).PostAsJsonAsync("/app/invite-links", body)
            .ShouldAnswer(HttpStatusCode.Created))["data"]!;
    }

    public static Task<HttpResponseMessage> JoinLinkAsync(this SwitchboardApp app, Account who, string token) =>
        app.As(who.Token).PostAsJsonAsync("/app/invite-links/join", new { token });

    public static Task<List<string>> AuditActionsAsync(this SwitchboardApp app, Guid workspaceId) =>
        app.WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(a => a.WorkspaceId == workspaceId)
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
}
