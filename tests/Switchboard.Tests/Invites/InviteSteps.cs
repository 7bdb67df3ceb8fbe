using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Invites;

/// <summary>The Pipeback invite steps and the seed's shapes, so the tests read like the workflow.</summary>
public static partial class InviteSteps
{
    public const string Password = "secure_password_123";

    public static readonly string[] InviteKeys = ["id", "workspace_id", "email", "seat", "workspace", "created_at", "updated_at"];
    /// <summary>What those who manage invites see (list, resend): the seed's fields, then role, status, inviter and expiry.</summary>
    public static readonly string[] ManagedInviteKeys = [.. InviteKeys, "role", "status", "invited_by", "expires_at"];

    public static readonly string[] UserKeys = ["id", "name", "email", "email_verified_at", "created_at", "updated_at"];

    /// <summary>The owner's Pipeback client: bearer token plus x-workspace-id.</summary>
    public static HttpClient Pipeback(this Business business) => business.App.As(business.Owner.Token, business.Id);

    public static async Task<JsonNode> InviteAsync(this Business business, string email, string seat = "full", string role = "agent")
    {
        var body = await business.Pipeback().PostAsJsonAsync("/app/invites", new { email, seat, role })
            .ShouldAnswer(HttpStatusCode.Created);
        return body["data"]!;
    }

    public static Guid Id(this JsonNode node) => Guid.Parse(node["id"]!.GetValue<string>());

    public static object Acceptance(string email, string name = "New User", string password = Password, string? device = null) =>
        device is null
            ? new { email, name, password, password_confirmation = password }
            : new { email, name, password, password_confirmation = password, device };

    public static async Task<string> AcceptAsync(this SwitchboardApp app, Guid inviteId, string email)
    {
        var body = await app.Anonymous().PostAsJsonAsync($"/app/invites/{inviteId}", Acceptance(email)).ShouldAnswer(HttpStatusCode.OK);
        return body["token"]!.GetValue<string>();
    }

    public static string[] Keys(this JsonNode node) => node.AsObject().Select(p => p.Key).ToArray();

    public static string Text(this JsonNode? node, string key) => node![key]!.GetValue<string>();

    /// <summary>Laravel's 422: a message and the errors of each field at fault, with their codes.</summary>
    public static void ShouldBeValidationError(this JsonNode body, string field, string? message = null)
    {
        body.Keys().ShouldBe(["message", "errors", "code", "field_codes"], ignoreOrder: true);
        body.Text("code").ShouldBe("validation_failed");
        body["field_codes"]!.Keys().ShouldBe(body["errors"]!.Keys());
        var errors = body["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldContain(field, body.ToJsonString());
        var messages = errors[field]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        messages.ShouldNotBeEmpty();
        if (message is not null) messages.ShouldContain(message);
        body.Text("message").ShouldNotBeNullOrEmpty();
    }

    public static Task ExpireAsync(this SwitchboardApp app, Guid inviteId) => app.WithDbAsync(db =>
        db.Invites.Where(i => i.Id == inviteId).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, app.Now.AddMinutes(-1))));

    public static void ShouldBeInviteTimestamp(this string text) => InviteTime().IsMatch(text).ShouldBeTrue(text);

    public static void ShouldBeUserTimestamp(this string text) => UserTime().IsMatch(text).ShouldBeTrue(text);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")]
    private static partial Regex InviteTime();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")]
    private static partial Regex UserTime();
}
