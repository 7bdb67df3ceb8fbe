using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Features.Accounts;

namespace Switchboard.Tests.Accounts;

/// <summary>
/// <see cref="AccountLimits.VerifyResendPolicy"/> is ready for the verification-mail resend route: through the
/// ASP.NET Core rate limiter, a resend needs room both for the client address and for the signed-in account.
/// (The route itself is not here yet, so a stand-in endpoint carries the policy.)
/// </summary>
public sealed class VerifyResendPolicyTests
{
    [Fact]
    public async Task The_resend_policy_counts_per_client_address_and_per_account()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RateLimits:VerifyResend:PerIpPerHour"] = "3",
            ["RateLimits:VerifyResend:PerAccountPerHour"] = "2",
        });
        builder.Services.AddRateLimiter(o => o.RejectionStatusCode = 429);
        builder.Services.AddSwitchboardAccountLimits(builder.Configuration);
        await using var app = builder.Build();
        // Stand-ins for the proxy's X-Forwarded-For and the bearer token.
        app.Use((http, next) =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Parse(http.Request.Headers["X-Test-Address"]!);
            http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, http.Request.Headers["X-Test-User"]!)], "test"));
            return next(http);
        });
        app.UseRateLimiter();
        app.MapPost("/resend", () => Results.Ok()).RequireRateLimiting(AccountLimits.VerifyResendPolicy);
        await app.StartAsync();
        var client = app.GetTestClient();

        async Task<int> Resend(string user, string address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/resend");
            request.Headers.Add("X-Test-User", user);
            request.Headers.Add("X-Test-Address", address);
            return (int)(await client.SendAsync(request)).StatusCode;
        }

        // Per account: two, then refused — from any address.
        (await Resend("alice", "192.0.2.1")).ShouldBe(200);
        (await Resend("alice", "192.0.2.1")).ShouldBe(200);
        (await Resend("alice", "192.0.2.1")).ShouldBe(429);
        (await Resend("alice", "192.0.2.2")).ShouldBe(429);
        // Per address: three, whoever asks.
        (await Resend("bob", "192.0.2.3")).ShouldBe(200);
        (await Resend("bob", "192.0.2.3")).ShouldBe(200);
        (await Resend("carol", "192.0.2.3")).ShouldBe(200);
        (await Resend("dave", "192.0.2.3")).ShouldBe(429);
        (await Resend("dave", "192.0.2.4")).ShouldBe(200);
        // An IPv6 client counts by its /64.
        (await Resend("erin", "2001:db8:1:2::10")).ShouldBe(200);
        (await Resend("frank", "2001:db8:1:2::20")).ShouldBe(200);
        (await Resend("grace", "2001:db8:1:2:ffff::1")).ShouldBe(200);
        (await Resend("heidi", "2001:db8:1:2::30")).ShouldBe(429);
        (await Resend("heidi", "2001:db8:1:3::30")).ShouldBe(200);
    }
}
