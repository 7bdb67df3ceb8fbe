using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Switchboard.Domain;

namespace Switchboard.Auth;

/// <summary><c>Security:PasswordHashing</c>: how many password hashes run at once and how many may wait.</summary>
public sealed class PasswordHashingOptions
{
    public const string Section = "Security:PasswordHashing";

    /// <summary>Hashes computed at once; 0 (the default) means one fewer than the processors, at least one.</summary>
    public int MaxConcurrent { get; set; }

    /// <summary>Requests that may wait for a turn; past that they are refused with 503 and Retry-After.</summary>
    public int QueueLimit { get; set; } = 64;

    /// <summary>The Retry-After sent with that refusal.</summary>
    public int RetryAfterSeconds { get; set; } = 2;

    public int EffectiveConcurrency => MaxConcurrent > 0 ? MaxConcurrent : Math.Max(1, Environment.ProcessorCount - 1);
}

/// <summary>Every password hash is refused when the gate's queue is full; the face answers 503 with Retry-After.</summary>
public sealed class PasswordHashingBusyException(int retryAfterSeconds)
    : Exception("Too many password checks at once; retry shortly.")
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}

/// <summary>
/// The one gate in front of ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>: PBKDF2 is deliberately
/// slow, so registering, signing in and accepting invites share a small number of concurrent hashes (one fewer
/// than the processors by default) and a bounded queue, and a burst of them can never take every core from the
/// rest of the service. Waiting is asynchronous (no thread is held while queued); past the queue the request is
/// refused at once with <see cref="PasswordHashingBusyException"/> (503 + Retry-After in the request's face).
/// It is also what <see cref="IPasswordHasher{TUser}"/> resolves to, so no caller can go around it.
/// </summary>
public sealed class PasswordHashing : IPasswordHasher<User>, IDisposable
{
    /// <summary>The key of the real hasher in the container (tests may put a slow one there).</summary>
    public const string InnerKey = "identity";

    private readonly IPasswordHasher<User> _inner;
    private readonly ConcurrencyLimiter _gate;
    private readonly int _retryAfterSeconds;
    private readonly Lazy<string> _decoy;

    public PasswordHashing([FromKeyedServices(InnerKey)] IPasswordHasher<User> inner, IOptions<PasswordHashingOptions> options)
    {
        _inner = inner;
        var o = options.Value;
        _gate = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = o.EffectiveConcurrency,
            QueueLimit = Math.Max(0, o.QueueLimit),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _retryAfterSeconds = Math.Max(1, o.RetryAfterSeconds);
        // Checking an unknown address against a hash made like the real ones keeps both answers equally slow.
        _decoy = new(() => _inner.HashPassword(null!, RandomNumberGenerator.GetHexString(32)));
    }

    /// <summary>Hashes running and waiting now.</summary>
    public RateLimiterStatistics? Statistics => _gate.GetStatistics();

    public async Task<string> HashAsync(User user, string password, CancellationToken cancel = default)
    {
        using var turn = await EnterAsync(cancel);
        return _inner.HashPassword(user, password);
    }

    /// <summary>Other CPU-heavy password work (scoring a new password's strength) taking a turn like a hash.</summary>
    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancel = default)
    {
        using var turn = await EnterAsync(cancel);
        return work();
    }

    /// <summary>Checks a password; with no user (an unknown address) against a decoy hash, at the same cost.</summary>
    public async Task<PasswordVerificationResult> VerifyAsync(User? user, string password, CancellationToken cancel = default)
    {
        using var turn = await EnterAsync(cancel);
        var verdict = _inner.VerifyHashedPassword(user!, user?.PasswordHash ?? _decoy.Value, password);
        return user is null ? PasswordVerificationResult.Failed : verdict;
    }

    // The synchronous interface waits for its turn on the calling thread; request handlers use the async methods.
    string IPasswordHasher<User>.HashPassword(User user, string password)
    {
        using var turn = EnterAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return _inner.HashPassword(user, password);
    }

    PasswordVerificationResult IPasswordHasher<User>.VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
    {
        using var turn = EnterAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }

    private async ValueTask<RateLimitLease> EnterAsync(CancellationToken cancel)
    {
        var lease = await _gate.AcquireAsync(1, cancel);
        if (lease.IsAcquired) return lease;
        lease.Dispose();
        throw new PasswordHashingBusyException(_retryAfterSeconds);
    }

    public void Dispose() => _gate.Dispose();
}

public static class PasswordHashingExtensions
{
    /// <summary>
    /// Hashes through the gate without holding a thread while waiting (<see cref="IPasswordHasher{TUser}"/> resolves
    /// to <see cref="PasswordHashing"/>); any other hasher is simply called.
    /// </summary>
    public static Task<string> HashAsync(this IPasswordHasher<User> hasher, User user, string password, CancellationToken cancel = default) =>
        hasher is PasswordHashing gate ? gate.HashAsync(user, password, cancel) : Task.FromResult(hasher.HashPassword(user, password));

    public static IServiceCollection AddPasswordHashing(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<PasswordHasherOptions>(config.GetSection("Security:PasswordHasher"));
        services.Configure<PasswordHashingOptions>(config.GetSection(PasswordHashingOptions.Section));
        services.AddKeyedSingleton<IPasswordHasher<User>, PasswordHasher<User>>(PasswordHashing.InnerKey);
        services.AddSingleton<PasswordHashing>();
        services.AddSingleton<IPasswordHasher<User>>(sp => sp.GetRequiredService<PasswordHashing>());
        return services;
    }
}
