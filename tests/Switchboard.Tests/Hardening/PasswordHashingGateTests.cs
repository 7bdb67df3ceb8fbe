using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchboard.Auth;
using Switchboard.Domain;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Hardening;

/// <summary>
/// Every password hash (sign-up, sign-in, accepting an invite) passes one gate of bounded concurrency and a
/// bounded queue. The app here has one hash at a time and a queue of one, and a hasher the test can hold
/// inside its work, standing for a slow PBKDF2: with the gate full, the rest of the service still answers, and a
/// request past the queue is refused at once with 503 and Retry-After in its face's shape.
/// </summary>
public abstract class PasswordHashingGateTests(SwitchboardApp app, PasswordHashingGateTests.HeldHasher hasher)
{
    public static IEnumerable<KeyValuePair<string, string?>> Gate =>
    [
        new("Security:PasswordHashing:MaxConcurrent", "1"),
        new("Security:PasswordHashing:QueueLimit", "1"),
        new("Security:PasswordHashing:RetryAfterSeconds", "2"),
    ];

    /// <summary>Identity's hasher (few rounds), which the test can make wait inside a hash.</summary>
    public sealed class HeldHasher : IPasswordHasher<User>
    {
        private readonly PasswordHasher<User> _real = new(Options.Create(new PasswordHasherOptions { IterationCount = 1000 }));
        private ManualResetEventSlim? _hold;

        public TaskCompletionSource Entered { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Hold()
        {
            Entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _hold, new ManualResetEventSlim(false));
        }

        public void Release() => Interlocked.Exchange(ref _hold, null)?.Set();

        public string HashPassword(User user, string password)
        {
            Wait();
            return _real.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
        {
            Wait();
            return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }

        private void Wait()
        {
            if (Volatile.Read(ref _hold) is not { } hold) return;
            Entered.TrySetResult();
            hold.Wait(TimeSpan.FromMinutes(2)); // a bound in case the test fails before releasing
        }
    }

    private static object NewUser() => new { email = Api.NewEmail("gate"), full_name = "Gail Gate", password = "correct-horse" };

    [Fact]
    public async Task With_the_gate_full_the_service_still_answers_and_a_request_past_the_queue_gets_503()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var invitee = Api.NewEmail("invitee");
        var invite = await business.InviteAsync(invitee);

        hasher.Hold();
        try
        {
            // One sign-up takes the only turn and stays inside the hash …
            var holder = app.Anonymous().PostAsJsonAsync("/api/v1/auth/register", NewUser());
            await hasher.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60));

            // … two more arrive: one waits in the queue of one, the other is refused without waiting.
            var signUp = app.Anonymous().PostAsJsonAsync("/api/v1/auth/register", NewUser());
            var accept = app.Anonymous().PostAsJsonAsync($"/app/invites/{invite.Id()}", InviteSteps.Acceptance(invitee));
            var refused = await (await Task.WhenAny(signUp, accept).WaitAsync(TimeSpan.FromSeconds(60)));
            refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, await refused.Content.ReadAsStringAsync());
            refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(2));
            var body = await refused.ReadJsonAsync();
            if (refused.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/app/"))
                body["message"]!.GetValue<string>().ShouldBe("Too many password checks at once, please retry shortly");
            else
                body.Detail().ShouldBe("Too many password checks at once, please retry shortly");

            // Meanwhile everything that does not hash a password answers as usual.
            (await app.Anonymous().GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
            await app.As(business.Owner.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);
            await business.Pipeback().GetAsync("/app/invites").ShouldAnswer(HttpStatusCode.OK);

            hasher.Release();
            await holder.ShouldAnswer(HttpStatusCode.Created);
            var waited = refused == await signUp ? await accept : await signUp;
            waited.IsSuccessStatusCode.ShouldBeTrue(await waited.Content.ReadAsStringAsync());
        }
        finally
        {
            hasher.Release();
        }

        // With the gate free again, a refused request succeeds when retried.
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/register", NewUser()).ShouldAnswer(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Sign_in_waits_for_the_same_gate()
    {
        var account = await app.RegisterAsync(password: "gate-password-1");
        hasher.Hold();
        try
        {
            var holder = app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = "gate-password-1" });
            await hasher.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var second = app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = "gate-password-1" });
            var third = app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = "gate-password-1" });
            var refused = await (await Task.WhenAny(second, third).WaitAsync(TimeSpan.FromSeconds(60)));
            refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            refused.Headers.RetryAfter.ShouldNotBeNull();
            hasher.Release();
            await holder.ShouldAnswer(HttpStatusCode.OK);
            (refused == await second ? await third : await second).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            hasher.Release();
        }
    }
}

public sealed class GateSqliteApp : SqliteApp
{
    public PasswordHashingGateTests.HeldHasher Hasher { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => PasswordHashingGateTests.Gate;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddKeyedSingleton<IPasswordHasher<User>>(PasswordHashing.InnerKey, Hasher));
    }
}

public sealed class GatePostgresApp : PostgresApp
{
    public PasswordHashingGateTests.HeldHasher Hasher { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => PasswordHashingGateTests.Gate;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddKeyedSingleton<IPasswordHasher<User>>(PasswordHashing.InnerKey, Hasher));
    }
}

public sealed class PasswordHashingGateTestsOnSqlite(GateSqliteApp app) : PasswordHashingGateTests(app, app.Hasher), IClassFixture<GateSqliteApp>;

public sealed class PasswordHashingGateTestsOnPostgres(GatePostgresApp app) : PasswordHashingGateTests(app, app.Hasher), IClassFixture<GatePostgresApp>;
