using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Switchboard.Tests.Infrastructure;

public sealed record Account(string Token, Guid UserId, string Email);

public sealed record Business(Account Owner, Guid Id, SwitchboardApp App)
{
    public HttpClient Client => App.As(Owner.Token);
}

/// <summary>Steps a user takes, over HTTP, so tests read like the behaviour they check.</summary>
public static class Api
{
    public static string NewEmail(string who = "user") => $"{who}-{Guid.NewGuid():N}@example.com";

    /// <summary>
    /// Registers, then (unless <paramref name="confirm"/> is false) follows the link of the confirmation mail,
    /// as a user does: only confirmed accounts can be added to a workspace.
    /// </summary>
    public static async Task<Account> RegisterAsync(this SwitchboardApp app, string? email = null, string name = "Test User",
        string password = "correct-horse", bool confirm = true)
    {
        email ??= NewEmail();
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/register",
            new { email, full_name = name, password });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        var account = new Account(body["access_token"]!.GetValue<string>(), Guid.Parse(body["user"]!["id"]!.GetValue<string>()), email);
        if (confirm) await app.ConfirmEmailAsync(email);
        return account;
    }

    /// <summary>The token of the newest confirmation mail to <paramref name="email"/>, read from the mail's text.</summary>
    public static async Task<string> VerificationTokenAsync(this SwitchboardApp app, string email)
    {
        var text = await app.NewestMailTextAsync(email, "verify_email");
        var match = System.Text.RegularExpressions.Regex.Match(text, @"/verify-email\?token=([A-Za-z0-9_-]+)");
        match.Success.ShouldBeTrue($"no confirmation link in: {text}");
        return match.Groups[1].Value;
    }

    public static async Task ConfirmEmailAsync(this SwitchboardApp app, string email)
    {
        var token = await app.VerificationTokenAsync(email);
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/verify-email", new { token });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The text body of the newest mail of a kind to an address, as the outbox holds it for sending.</summary>
    public static async Task<string> NewestMailTextAsync(this SwitchboardApp app, string email, string kind)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Switchboard.Data.SwitchboardDb>();
        var key = Switchboard.Domain.EmailAddress.Normalize(email);
        var texts = await db.Outbox.AsNoTracking().Where(m => m.RecipientKey == key && m.Kind == kind)
            .Select(m => new { m.CreatedAt, m.TextBody }).ToListAsync();
        texts.ShouldNotBeEmpty($"no {kind} mail to {email}");
        return texts.OrderBy(m => m.CreatedAt).Last().TextBody;
    }

    public static async Task<Business> CreateBusinessAsync(this SwitchboardApp app, Account? owner = null, string plan = "free")
    {
        owner ??= await app.RegisterAsync(name: "Olivia Owner");
        var client = app.As(owner.Token);
        var response = await client.PostAsJsonAsync("/api/v1/auth/business/create", new { name = "Acme Support" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = Guid.Parse((await response.ReadJsonAsync())["id"]!.GetValue<string>());
        var business = new Business(owner, id, app);
        if (plan != "free")
            (await app.As(owner.Token, id).PutAsJsonAsync("/api/v1/billing/plan", new { plan })).EnsureSuccessStatusCode();
        return business;
    }

    /// <summary>Registers a user and adds them through the PingBack invite; returns the account and membership id.</summary>
    public static async Task<(Account Account, Guid MemberId)> AddMemberAsync(this Business business, string role = "agent")
    {
        var account = await business.App.RegisterAsync(name: role == "admin" ? "Adam Admin" : "Alex Agent");
        var response = await business.App.As(business.Owner.Token, business.Id)
            .PostAsync($"/api/v1/team/invite?email={Uri.EscapeDataString(account.Email)}&role={role}", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (account, Guid.Parse((await response.ReadJsonAsync())["team_member_id"]!.GetValue<string>()));
    }

    public static async Task<Guid> OpenConversationAsync(this Business business)
    {
        var response = await business.App.As(business.Owner.Token)
            .PostAsJsonAsync("/api/v1/conversations/", new { business_id = business.Id, customer_id = "cust-1", initial_message = "Hi" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return Guid.Parse((await response.ReadJsonAsync())["id"]!.GetValue<string>());
    }

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonNode.Parse(text) ?? throw new InvalidOperationException("empty body");
        }
        catch (JsonException)
        {
            throw new InvalidOperationException($"Not JSON ({(int)response.StatusCode}): {text}");
        }
    }

    public static async Task<JsonNode> ShouldAnswer(this Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        return body.Length == 0 ? JsonValue.Create("")! : JsonNode.Parse(body)!;
    }

    /// <summary>FastAPI's error body: {"detail": "..."}.</summary>
    public static string Detail(this JsonNode body) => body["detail"]!.GetValue<string>();
}
