using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Switchboard.Features.Accounts;

public sealed class LoginLimits
{
    public int PerIpPerMinute { get; set; } = 20;
    public int PerEmailPerMinute { get; set; } = 10;
}

/// <summary>
/// Login guessing is limited twice: per client IP by the ASP.NET Core rate-limiting middleware (policy
/// <see cref="IpPolicy"/>), and per target email here, since the address is only known once the body is read.
/// </summary>
public sealed class LoginThrottle(IOptions<LoginLimits> limits) : IDisposable
{
    public const string IpPolicy = "login-per-ip";

    private readonly PartitionedRateLimiter<string> _perEmail = PartitionedRateLimiter.Create<string, string>(
        email => RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.Value.PerEmailPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Null when the attempt may go ahead, else how long to wait.</summary>
    public TimeSpan? TryEnter(string normalizedEmail)
    {
        using var lease = _perEmail.AttemptAcquire(normalizedEmail);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => _perEmail.Dispose();
}
