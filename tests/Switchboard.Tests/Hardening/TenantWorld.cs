using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Hardening;

/// <summary>Two workspaces, A (ours) and B (theirs), each with members of every kind, a conversation and an invite.</summary>
public sealed record Tenant(Business Business, Account Admin, Account Agent, Account Lite, Guid AgentMember, Guid Conversation, Guid? Invite,
    Guid InviteLink)
{
    public static async Task<Tenant> CreateAsync(SwitchboardApp app)
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (admin, _) = await business.AddMemberAsync("admin");
        var (agent, agentMember) = await business.AddMemberAsync();
        var (lite, liteMember) = await business.AddMemberAsync();
        await business.Client.PatchAsJsonAsync($"/api/v1/team/members/{liteMember}", new { seat = "lite" }).ShouldAnswer(HttpStatusCode.OK);
        var conversation = await business.OpenConversationAsync();
        var invite = await app.As(business.Owner.Token, business.Id).PostAsJsonAsync("/app/invites", new { email = Api.NewEmail("pending"), seat = "full" });
        Guid? inviteId = invite.IsSuccessStatusCode ? Guid.Parse((await invite.ReadJsonAsync())["data"]!["id"]!.GetValue<string>()) : null;
        var link = await app.As(business.Owner.Token, business.Id).PostAsJsonAsync("/app/invite-links", new { seat = "lite" })
            .ShouldAnswer(HttpStatusCode.Created);
        return new Tenant(business, admin, agent, lite, agentMember, conversation, inviteId,
            Guid.Parse(link["data"]!["id"]!.GetValue<string>()));
    }

    /// <summary>Everything a tenant can read about itself, to prove that nobody else changed it.</summary>
    public async Task<string> SnapshotAsync(SwitchboardApp app)
    {
        var client = app.As(Business.Owner.Token, Business.Id);
        var parts = new List<string>();
        foreach (var path in new[] { "/api/v1/team/members", "/api/v1/conversations/", "/app/invites", "/api/v1/billing",
                     "/api/v1/team/settings", "/api/v1/team/routing",
                     "/app/invite-links", "/app/invites?status=all" })
            parts.Add(path + " " + (await client.GetAsync(path).ShouldAnswer(HttpStatusCode.OK)).ToJsonString());
        return string.Join("\n", parts);
    }
}

/// <summary>The app's own route table: every workspace route of both faces, with its method and pattern.</summary>
public static class RouteTable
{
    public sealed record Route(string Method, string Pattern)
    {
        public bool IsPipeback => Pattern.StartsWith("/app");
        public override string ToString() => $"{Method} {Pattern}";
    }

    public static IReadOnlyList<Route> Of(SwitchboardApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } p && (p.StartsWith("/api/v1") || p.StartsWith("/app")))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => new Route(m, "/" + e.RoutePattern.RawText!.Trim('/'))))
            // Account routes reached without a workspace or a token (sign-up, sign-in, confirming an address, forgotten
            // passwords, a new address's link, signing in with a passkey or single sign-on), and the service's public
            // description (/api/v1/meta: version and features, the same for everyone): Security/EmailConfirmationTests,
            // Accounts/PasswordResetTests, AccountLifecycle/*, Accounts/PasskeyTests, Sso/SsoSettingsTests, tests/e2e/sso
            // and Meta/ServiceMetaTests.
            .Where(r => !r.Pattern.StartsWith("/api/v1/auth/register") && !r.Pattern.StartsWith("/api/v1/auth/login")
                && !r.Pattern.StartsWith("/api/v1/auth/verify-email") && !r.Pattern.StartsWith("/api/v1/auth/password/forgot")
                && !r.Pattern.StartsWith("/api/v1/auth/password/reset") && !r.Pattern.StartsWith("/api/v1/auth/email/confirm")
                && !r.Pattern.StartsWith("/api/v1/auth/passkeys/login") && !r.Pattern.StartsWith("/api/v1/auth/sso/")
                && r.Pattern != "/api/v1/meta")
            .Distinct()
            .OrderBy(r => r.Pattern).ThenBy(r => r.Method)
            .ToList();

    /// <summary>A body that passes validation on any route, so the answer is about access, not input.</summary>
    public static JsonObject Body(Guid businessId) => new()
    {
        ["status"] = "away", ["role"] = "agent", ["seat"] = "lite", ["capacity"] = 3, ["plan"] = "pro",
        ["admins_can_invite"] = false, ["mode"] = "manual", ["business_id"] = businessId.ToString(),
        ["email"] = Api.NewEmail("probe"), ["name"] = "Probe", ["password"] = "probe-password",
        ["password_confirmation"] = "probe-password", ["message"] = "hello",
    };
}
