using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Switchboard.Features.Accounts;

/// <summary>
/// Rate-limit policies of the account routes anyone can reach, added to the service's one ASP.NET Core rate
/// limiter (a refusal is 429 with Retry-After in the request's face):
/// <list type="bullet">
/// <item><see cref="RegisterPolicy"/>: registrations per client address (<c>RateLimits:Register:PerIpPerHour</c>);</item>
/// <item><see cref="VerifyConfirmPolicy"/>, <see cref="PasswordResetPolicy"/>, <see cref="PasswordForgotPolicy"/>: confirmation
/// links, reset links and reset requests per client address (<c>RateLimits:VerifyEmail:PerIpPerHour</c> 30,
/// <c>RateLimits:PasswordReset:PerIpPerHour</c> 30, <c>RateLimits:PasswordForgot:PerIpPerHour</c> 10);</item>
/// <item><see cref="BusinessCreatePolicy"/>: business creations per client address (<c>RateLimits:BusinessCreate:PerIpPerHour</c>);</item>
/// <item><see cref="VerifyResendPolicy"/>: verification-mail resends per client address
/// (<c>RateLimits:VerifyResend:PerIpPerHour</c>) and, at the same time, per signed-in account
/// (<c>RateLimits:VerifyResend:PerAccountPerHour</c>) — both must have room.</item>
/// </list>
/// </summary>
public static class AccountLimits
{
    public const string RegisterPolicy = "register-per-address";
    public const string BusinessCreatePolicy = "business-create-per-address";
    public const string VerifyResendPolicy = "verify-email-resend";
    public const string VerifyConfirmPolicy = "verify-email-confirm";
    public const string PasswordForgotPolicy = "password-forgot";
    public const string PasswordResetPolicy = "password-reset";

    public static IServiceCollection AddSwitchboardAccountLimits(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<VerifyResendLimiter>();
        services.Configure<RateLimiterOptions>(limiter =>
        {
            limiter.AddPolicy(RegisterPolicy, http => PerAddressPerHour(http, config.GetValue("RateLimits:Register:PerIpPerHour", 20)));
            // Link secrets are 256 bits, so guessing is hopeless anyway; these keep a client from hammering the routes.
            limiter.AddPolicy(VerifyConfirmPolicy, http => PerAddressPerHour(http, config.GetValue("RateLimits:VerifyEmail:PerIpPerHour", 30)));
            limiter.AddPolicy(PasswordResetPolicy, http => PerAddressPerHour(http, config.GetValue("RateLimits:PasswordReset:PerIpPerHour", 30)));
            limiter.AddPolicy(PasswordForgotPolicy, http => PerAddressPerHour(http, config.GetValue("RateLimits:PasswordForgot:PerIpPerHour", 10)));
            limiter.AddPolicy(BusinessCreatePolicy, http => PerAddressPerHour(http, config.GetValue("RateLimits:BusinessCreate:PerIpPerHour", 20)));
            limiter.AddPolicy(VerifyResendPolicy, http =>
            {
                var shared = http.RequestServices.GetRequiredService<VerifyResendLimiter>();
                var key = new ResendKey(ClientAddress.Key(http), Account(http.User));
                return RateLimitPartition.Get(key, k => new KeyedLimiter<ResendKey>(shared.Limiter, k));
            });
        });
        return services;
    }

    private static RateLimitPartition<string> PerAddressPerHour(HttpContext http, int perHour) =>
        RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Key(http), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perHour),
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        });

    private static string Account(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous" : "anonymous";

    private sealed record ResendKey(string Address, string Account);

    /// <summary>Two fixed windows, one per client address and one per account, chained: a resend needs room in both.</summary>
    private sealed class VerifyResendLimiter(IConfiguration config) : IDisposable
    {
        public PartitionedRateLimiter<ResendKey> Limiter { get; } = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<ResendKey, string>(key => RateLimitPartition.GetFixedWindowLimiter(key.Address,
                _ => Hourly(config.GetValue("RateLimits:VerifyResend:PerIpPerHour", 10)))),
            PartitionedRateLimiter.Create<ResendKey, string>(key => RateLimitPartition.GetFixedWindowLimiter(key.Account,
                _ => Hourly(config.GetValue("RateLimits:VerifyResend:PerAccountPerHour", 5)))));

        private static FixedWindowRateLimiterOptions Hourly(int permits) =>
            new() { PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromHours(1), QueueLimit = 0 };

        public void Dispose() => Limiter.Dispose();
    }

    /// <summary>
    /// The middleware wants one limiter per partition; this one hands each acquire to the shared chained limiter
    /// under its key, so the address's and the account's counts are shared by every pair they appear in.
    /// </summary>
    private sealed class KeyedLimiter<TKey>(PartitionedRateLimiter<TKey> shared, TKey key) : RateLimiter
    {
        private long _lastUsed = Stopwatch.GetTimestamp();

        public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

        public override RateLimiterStatistics? GetStatistics() => shared.GetStatistics(key);

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
            return shared.AttemptAcquire(key, permitCount);
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
            return shared.AcquireAsync(key, permitCount, cancellationToken);
        }
    }
}

/// <summary>
/// The client address that per-address limits count against: the connection's address (behind a trusted proxy,
/// from X-Forwarded-For), an IPv4-mapped IPv6 address as IPv4, and an IPv6 address by its /64 network, since
/// one subscriber usually holds a whole /64 and could otherwise step through it.
/// </summary>
public static class ClientAddress
{
    public static string Key(HttpContext http) => Key(http.Connection.RemoteIpAddress);

    public static string Key(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address)) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
