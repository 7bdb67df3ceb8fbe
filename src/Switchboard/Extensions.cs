using Switchboard.Features.Workspaces;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email;
using Switchboard.Faces;
using Switchboard.Faces.OpenApi;
using Switchboard.Features.Accounts;
using Switchboard.Features.Meta;
using Switchboard.Features.Audit;
using Switchboard.Features.Billing;
using Switchboard.Features.Conversations;
using Switchboard.Features.Routing;
using Switchboard.Features.Invites;
using Switchboard.Features.InviteLinks;
using Switchboard.Features.Scim;
using Switchboard.Features.Sso;
using Switchboard.Features.Team;
using Switchboard.Tenancy;
using Switchboard.Operations;
using Switchboard.Realtime;
using Switchboard.Web;

namespace Switchboard;

/// <summary>All of the service's registration, so Program.cs reads as a table of contents.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddSwitchboard(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1_000_000);

        services.AddSingleton(TimeProvider.System);
        services.AddSwitchboardDatabase(config);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = null;
        });
        // Unreadable input reaches ErrorHandling as an exception in every environment, not a bare 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        services.AddHttpContextAccessor();
        services.AddScoped<TokenService>();
        services.AddScoped<SessionActivity>();
        // Authenticator secrets are protected with keys kept outside the database (DataProtection:KeysPath).
        services.AddSecretProtection(config, builder.Environment.ContentRootPath);
        services.AddScoped<SecondFactor>();
        // Passkeys (WebAuthn): the relying party from Passkeys:ServerDomain/Origins, challenges kept in the database.
        services.AddPasskeys(config);
        // Wrong second-factor codes slow down by the login's rule, on counters of their own (RateLimits:SecondFactor).
        services.AddKeyedSingleton(SecondFactor.ThrottleKey, (sp, _) => SecondFactor.Throttle(config, sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<EmailVerifier>();
        services.AddScoped<PasswordResets>();
        services.AddScoped<EmailChanges>();
        services.AddSingleton<PasswordResetRequests>();
        services.AddHostedService<PasswordResetMailer>();
        services.AddSingleton<TokenCache>();
        services.AddScoped<CallerResolver>();
        // Identity's PasswordHasher behind one gate of bounded concurrency (Security:PasswordHashing).
        services.AddPasswordHashing(config);
        services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TokenAuthenticationHandler>(
                TokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();

        services.Configure<LoginLimits>(config.GetSection("RateLimits:Login"));
        services.AddSingleton<LoginThrottle>();
        services.AddSwitchboardAccountLimits(config);
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(LoginThrottle.IpPolicy, http =>
            {
                var perIp = config.GetValue("RateLimits:Login:PerIpPerMinute", 20);
                return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Key(http),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perIp, Window = TimeSpan.FromMinutes(1) });
            });
            limiter.OnRejected = async (context, cancel) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString("0");
                await Face.Error(context.HttpContext, new Failure(FailureKind.RateLimited, "Too many requests. Try again later."))
                    .ExecuteAsync(context.HttpContext);
            };
        });

        services.AddSwitchboardEmail(config);
        services.AddSwitchboardInvites(config);
        services.AddSingleton<IDomainEvents, InProcessDomainEvents>();
        // The read cache learns of every write from the database context itself, on commit — before any event is
        // handed to a handler (a socket client, routing) — and tells the other nodes.
        services.AddSingleton<WorkspaceCache>();
        services.AddSingleton<ClusterCacheInvalidation>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterCacheInvalidation>());
        services.AddSingleton<CacheInvalidationInterceptor>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<CacheInvalidationInterceptor>());
        // Next: a revoked token leaves every node's token cache before anyone (or the revoking request's answer) goes on.
        services.AddSingleton<IDomainEventHandler, TokenRevocation>();
        services.AddSingleton<IDomainEventHandler, AutoOffline>();
        services.AddSwitchboardRealtime(config);
        Switchboard.Cluster.ClusterSetup.AddSwitchboardCluster(services, config);
        services.AddSwitchboardRouting(config);
        // Manual assignments of one workspace that arrive together commit together (group commit).
        services.AddSingleton<Switchboard.Features.Conversations.AssignmentBatches>();
        // Verified domains: TXT lookups through the system's resolvers or Sso:DnsServer.
        services.AddSso();
        // The document clients are generated from: unique schema names, bearer, x-workspace-id, every refusal.
        services.AddSwitchboardOpenApi();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Behind nginx the client address comes from X-Forwarded-For, trusted only from known proxies
            // (loopback by default; more with ForwardedHeaders:KnownProxies).
            o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
                | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            foreach (var proxy in config.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        });
        services.AddDashboard();
        // Last: metrics, traces, JSON logs, readiness and shutdown (docs/operations.md).
        builder.AddSwitchboardOperations();
        return builder;
    }

    public static async Task<WebApplication> UseSwitchboardAsync(this WebApplication app)
    {
        await app.Services.MigrateDatabaseAsync();
        app.UseFaceErrors();
        app.UseForwardedHeaders();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        // Every REST route hangs off one of the two face groups (/api/v1 PingBack, /app Pipeback).
        FaceRoutes.Map(app)
            .MapAccountsApi()
            .MapPasskeysApi()
            .MapAccountLifecycleApi()
            .MapWorkspacesApi()
            .MapTeamApi()
            .MapConversationsApi()
            .MapBillingApi()
            .MapAuditApi()
            .MapInvitesApi()
            .MapInviteLinksApi()
            .MapRoutingApi()
            .MapScimApi(app)
            .MapSsoApi()
            .MapMetaApi();
        app.MapSwitchboardRealtime();
        app.MapDashboard();

        app.MapHealthChecks("/healthz");
        app.MapSwitchboardOperations();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", o => o.WithTitle("Switchboard API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return app;
    }
}
