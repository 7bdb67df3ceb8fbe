using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Switchboard.Auth;

namespace Switchboard.Features.Invites;

public static class InvitesSetup
{
    public const string ResendPolicy = "invite-resend";
    public const string CreatePolicy = "invite-create";
    public const string LinkPolicy = "invite-link";

    /// <summary>Invite settings and the resend limit (a policy added to the service's one rate limiter).</summary>
    public static IServiceCollection AddSwitchboardInvites(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<InviteOptions>()
            .Bind(config.GetSection(InviteOptions.Section))
            .Validate(o => o.ExpiryDays > 0 && o.ResendPerHour > 0, "Invites:ExpiryDays and Invites:ResendPerHour must be positive")
            .Validate(o => o.DailyMails.IsValid, "Invites:DailyMails:Free, :Mini and :Pro must be positive")
            .ValidateOnStart();
        services.AddSingleton<InviteExpirySweep>();
        services.AddHostedService(sp => sp.GetRequiredService<InviteExpirySweep>());
        services.Configure<RateLimiterOptions>(limiter => limiter.AddPolicy(ResendPolicy, http =>
        {
            // Per invite and per caller: nobody can flood one inbox, and nobody can use up another caller's resends.
            var caller = http.User.Identity?.IsAuthenticated == true ? http.User.UserId().ToString() : "anonymous";
            var invite = http.Request.RouteValues["id"]?.ToString() ?? "";
            var perHour = config.GetValue($"{InviteOptions.Section}:ResendPerHour", 5);
            return RateLimitPartition.GetFixedWindowLimiter($"{caller}:{invite}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, perHour),
                Window = TimeSpan.FromHours(1),
                QueueLimit = 0,
            });
        }));
        services.Configure<RateLimiterOptions>(limiter =>
        {
            // Creating invites sends mail to strangers: limited per caller so one account cannot spam.
            limiter.AddPolicy(CreatePolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.Identity?.IsAuthenticated == true ? http.User.UserId().ToString() : "anonymous",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, config.GetValue($"{InviteOptions.Section}:CreatePerMinute", 30)),
                    Window = TimeSpan.FromMinutes(1),
                }));
            // The link routes are public: limited per client address (behind a proxy, X-Forwarded-For).
            limiter.AddPolicy(LinkPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, config.GetValue($"{InviteOptions.Section}:LinkPerMinute", 30)),
                    Window = TimeSpan.FromMinutes(1),
                }));
        });
        return services;
    }
}
