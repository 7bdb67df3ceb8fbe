using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Hardening;

/// <summary>
/// The per-address limits on registering and creating businesses, and sign-in throttling that slows guessing
/// without locking the owner out — over a real Kestrel listener, each client address given by a loopback proxy
/// (X-Forwarded-For), the way nginx passes it. Time is the app's TimeProvider, moved by the test.
/// </summary>
public abstract class AccountLimitsTests(AccountLimitsTests.IApp app)
{
    public interface IApp
    {
        Uri Address { get; }
        ManualClock Clock { get; }
    }

    public static IEnumerable<KeyValuePair<string, string?>> Limits =>
    [
        new("RateLimits:Register:PerIpPerHour", "3"),
        new("RateLimits:BusinessCreate:PerIpPerHour", "3"),
        new("RateLimits:Login:FailuresBeforeBackoff", "3"),
        new("RateLimits:Login:BackoffSeconds", "60"),
        new("RateLimits:Login:MaxBackoffSeconds", "240"),
        new("RateLimits:Login:EmailFailuresPerHour", "12"),
        new("RateLimits:VerifyResend:PerIpPerHour", "3"),
        new("RateLimits:VerifyResend:PerAccountPerHour", "2"),
        new("RateLimits:VerifyResend:PerAccountPerDay", "100"),
    ];

    private static int _lastAddress;

    /// <summary>A client address no other test uses (TEST-NET-3).</summary>
    private static string NewAddress()
    {
        var n = Interlocked.Increment(ref _lastAddress);
        return $"203.0.{113 + n / 250}.{n % 250 + 1}";
    }

    private HttpClient From(string address, string? token = null)
    {
        var client = new HttpClient { BaseAddress = app.Address };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private Task<HttpResponseMessage> RegisterFrom(string address, string email, string password = "correct-horse") =>
        From(address).PostAsJsonAsync("/api/v1/auth/register", new { email, full_name = "Rita Register", password });

    private async Task<(string Email, string Token)> AccountAsync(string password)
    {
        var email = Api.NewEmail("victim");
        var body = await RegisterFrom(NewAddress(), email, password).ShouldAnswer(HttpStatusCode.Created);
        return (email, body["access_token"]!.GetValue<string>());
    }

    private Task<HttpResponseMessage> LoginFrom(string address, string email, string password) =>
        From(address).PostAsJsonAsync("/api/v1/auth/login", new { email, password });

    [Fact]
    public async Task Registration_is_limited_per_client_address()
    {
        var address = NewAddress();
        for (var i = 0; i < 3; i++)
            await RegisterFrom(address, Api.NewEmail("burst")).ShouldAnswer(HttpStatusCode.Created);

        var refused = await RegisterFrom(address, Api.NewEmail("burst"));
        var body = await Task.FromResult(refused).ShouldAnswer(HttpStatusCode.TooManyRequests);
        body.Detail().ShouldContain("Too many");
        refused.Headers.RetryAfter.ShouldNotBeNull();
        // Someone else is not held up by that address.
        await RegisterFrom(NewAddress(), Api.NewEmail("other")).ShouldAnswer(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Asking_for_confirmation_links_is_limited_per_account_and_per_client_address()
    {
        var (_, first) = await AccountAsync("correct-horse-1");
        var (_, second) = await AccountAsync("correct-horse-2");
        var address = NewAddress();
        Task<HttpResponseMessage> Resend(string token, string from) => From(from, token).PostAsync("/api/v1/auth/verify-email/resend", null);

        await Resend(first, address).ShouldAnswer(HttpStatusCode.OK);
        await Resend(first, address).ShouldAnswer(HttpStatusCode.OK);
        // The account's allowance is spent, wherever it asks from.
        (await Resend(first, NewAddress()).ShouldAnswer(HttpStatusCode.TooManyRequests)).Detail().ShouldContain("Too many");
        // The address has one more; then another account asking from it waits too, but not from elsewhere.
        await Resend(second, address).ShouldAnswer(HttpStatusCode.OK);
        var refused = await Resend(second, address);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        await Resend(second, NewAddress()).ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Creating_businesses_is_limited_per_client_address()
    {
        var (_, token) = await AccountAsync("correct-horse");
        var address = NewAddress();
        for (var i = 0; i < 3; i++)
            await From(address, token).PostAsJsonAsync("/api/v1/auth/business/create", new { name = $"Shell {i}" })
                .ShouldAnswer(HttpStatusCode.Created);

        var refused = await From(address, token).PostAsJsonAsync("/api/v1/auth/business/create", new { name = "One too many" });
        (await Task.FromResult(refused).ShouldAnswer(HttpStatusCode.TooManyRequests)).Detail().ShouldContain("Too many");
        refused.Headers.RetryAfter.ShouldNotBeNull();
        await From(NewAddress(), token).PostAsJsonAsync("/api/v1/auth/business/create", new { name = "Elsewhere" })
            .ShouldAnswer(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Wrong_passwords_from_ten_addresses_do_not_lock_the_owner_out()
    {
        var (email, _) = await AccountAsync("owner-password-1");
        for (var i = 0; i < 10; i++)
            await LoginFrom(NewAddress(), email, $"guess-{i}-password").ShouldAnswer(HttpStatusCode.Unauthorized);

        // The owner, from an address that has not failed, signs in at once.
        var body = await LoginFrom(NewAddress(), email, "owner-password-1").ShouldAnswer(HttpStatusCode.OK);
        body["access_token"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task An_address_that_keeps_guessing_waits_twice_as_long_each_time_while_the_owner_signs_in()
    {
        var (email, _) = await AccountAsync("owner-password-2");
        var guesser = NewAddress();
        for (var i = 0; i < 3; i++)
            await LoginFrom(guesser, email, $"guess-{i}-password").ShouldAnswer(HttpStatusCode.Unauthorized);

        var held = await LoginFrom(guesser, email, "owner-password-2");
        (await Task.FromResult(held).ShouldAnswer(HttpStatusCode.TooManyRequests)).Detail().ShouldBe("Too many login attempts. Try again later.");
        held.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(60));
        // Meanwhile the owner, elsewhere, is not affected.
        await LoginFrom(NewAddress(), email, "owner-password-2").ShouldAnswer(HttpStatusCode.OK);

        app.Clock.Advance(TimeSpan.FromSeconds(60));
        await LoginFrom(guesser, email, "guess-3-password").ShouldAnswer(HttpStatusCode.Unauthorized);
        var longer = await LoginFrom(guesser, email, "guess-4-password");
        longer.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        longer.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(120));

        app.Clock.Advance(TimeSpan.FromSeconds(119));
        (await LoginFrom(guesser, email, "owner-password-2")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        // The right password clears the address's record.
        await LoginFrom(guesser, email, "owner-password-2").ShouldAnswer(HttpStatusCode.OK);
        await LoginFrom(guesser, email, "guess-5-password").ShouldAnswer(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Past_the_per_email_cap_only_addresses_that_failed_are_held_back()
    {
        var (email, _) = await AccountAsync("owner-password-3");
        var guessers = Enumerable.Range(0, 12).Select(_ => NewAddress()).ToList();
        foreach (var guesser in guessers)
            await LoginFrom(guesser, email, "a-wrong-password").ShouldAnswer(HttpStatusCode.Unauthorized);

        // Twelve failures for this email within the hour: an address that failed gets no second guess …
        var held = await LoginFrom(guessers[0], email, "another-guess");
        held.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        held.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromHours(1));
        // … while a fresh address may still try — and the owner signs in.
        var fresh = NewAddress();
        await LoginFrom(fresh, email, "yet-another-guess").ShouldAnswer(HttpStatusCode.Unauthorized);
        (await LoginFrom(fresh, email, "owner-password-3")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        await LoginFrom(NewAddress(), email, "owner-password-3").ShouldAnswer(HttpStatusCode.OK);
        // Other accounts are not touched by it.
        var (other, _) = await AccountAsync("other-password-3");
        await LoginFrom(guessers[1], other, "other-password-3").ShouldAnswer(HttpStatusCode.OK);

        app.Clock.Advance(TimeSpan.FromHours(1));
        await LoginFrom(guessers[0], email, "owner-password-3").ShouldAnswer(HttpStatusCode.OK);
    }
}

public sealed class AccountLimitsSqliteApp : KestrelSqliteApp, AccountLimitsTests.IApp
{
    public ManualClock Clock { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => AccountLimitsTests.Limits;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class AccountLimitsPostgresApp : KestrelPostgresApp, AccountLimitsTests.IApp
{
    public ManualClock Clock { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => AccountLimitsTests.Limits;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class AccountLimitsTestsOnSqlite(AccountLimitsSqliteApp app) : AccountLimitsTests(app), IClassFixture<AccountLimitsSqliteApp>;

public sealed class AccountLimitsTestsOnPostgres(AccountLimitsPostgresApp app) : AccountLimitsTests(app), IClassFixture<AccountLimitsPostgresApp>;
