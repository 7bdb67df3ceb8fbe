using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchboard.Domain;

namespace Switchboard.Tests.Infrastructure;

/// <summary>
/// The real service (routing, auth, EF Core) over a real database, in process. Tests isolate themselves by
/// creating their own users and workspaces, so one app serves a whole test class.
/// </summary>
public abstract class SwitchboardApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public RecordingEvents Events { get; } = new();

    public abstract string Provider { get; }

    protected abstract string ConnectionString { get; }

    /// <summary>Extra settings a fixture may add (rate limits, mail, …).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Switchboard", ConnectionString);
        // The Identity hasher itself, with fewer rounds: hundreds of sign-ups per run stay fast.
        builder.UseSetting("Security:PasswordHasher:IterationCount", "1000");
        builder.UseSetting("RateLimits:Login:PerIpPerMinute", "100000");
        builder.UseSetting("RateLimits:Login:FailuresBeforeBackoff", "10");
        // The test host has no client address, so every test shares one partition; AbuseLimitsTests and
        // AccountLimitsTests check these.
        builder.UseSetting("Invites:LinkPerMinute", "100000");
        builder.UseSetting("Invites:CreatePerMinute", "100000");
        builder.UseSetting("RateLimits:Register:PerIpPerHour", "100000");
        builder.UseSetting("RateLimits:BusinessCreate:PerIpPerHour", "100000");
        builder.UseSetting("RateLimits:VerifyEmail:PerIpPerHour", "100000");
        builder.UseSetting("RateLimits:PasswordReset:PerIpPerHour", "100000");
        builder.UseSetting("RateLimits:PasswordForgot:PerIpPerHour", "100000");
        // Tests sign up in parallel bursts; PasswordHashingGateTests checks the queue's bound.
        builder.UseSetting("Security:PasswordHashing:QueueLimit", "100000");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<IDomainEventHandler>(Events));
    }

    /// <summary>
    /// "Now" by the app's own clock (its TimeProvider, fake in some fixtures): what a test that moves a row's
    /// timestamp across a deadline measures against, so it agrees with the code under test.
    /// </summary>
    public DateTime Now => Services.GetRequiredService<TimeProvider>().Now();

    public HttpClient Anonymous() => CreateClient();

    public HttpClient As(string token, Guid? workspaceId = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (workspaceId is { } id) client.DefaultRequestHeaders.Add("x-workspace-id", id.ToString());
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await DropDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;
}
