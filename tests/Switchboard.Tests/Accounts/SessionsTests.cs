using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;
using Switchboard.Tests.Security;

namespace Switchboard.Tests.Accounts;

/// <summary>
/// GET/DELETE /api/v1/auth/sessions: the list of one's own tokens, what each remembers (browser, address, last use
/// at most once a minute) and signing one or all others out, which ends them on the very next request.
/// </summary>
public abstract class SessionsTests<TApp>(TApp app) where TApp : SwitchboardApp, IClockedApp
{
    private async Task<string> SignInAsync(Account account, string? userAgent = null)
    {
        var client = app.Anonymous();
        if (userAgent is not null) client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        return (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = "correct-horse" })
            .ShouldAnswer(HttpStatusCode.OK)).Text("access_token");
    }

    private static long IdOf(string token) => long.Parse(token[..token.IndexOf('|')]);

    [Fact]
    public async Task The_list_shows_each_session_of_the_caller_and_marks_this_one()
    {
        var account = await app.RegisterAsync();
        var laptop = await SignInAsync(account, "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
        var longAgent = await SignInAsync(account, "Agent/" + new string('x', 1000));
        var stranger = await app.RegisterAsync();

        var list = (await app.As(laptop).GetAsync("/api/v1/auth/sessions").ShouldAnswer(HttpStatusCode.OK)).AsArray();
        list.Count.ShouldBe(3);
        list[0]!.AsObject().Select(p => p.Key).ShouldBe(["id", "created_at", "last_used_at", "user_agent", "ip", "current"], ignoreOrder: true);
        var mine = list.Single(s => s!["id"]!.GetValue<long>() == IdOf(laptop))!;
        mine["current"]!.GetValue<bool>().ShouldBeTrue();
        mine.Text("user_agent").ShouldBe("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
        list.Count(s => s!["current"]!.GetValue<bool>()).ShouldBe(1);
        list.Single(s => s!["id"]!.GetValue<long>() == IdOf(longAgent))!.Text("user_agent").Length.ShouldBe(255);
        list.ShouldNotContain(s => s!["id"]!.GetValue<long>() == IdOf(stranger.Token));
    }

    [Fact]
    public async Task Last_use_is_written_at_most_once_a_minute()
    {
        var account = await app.RegisterAsync();
        var token = await SignInAsync(account);
        Task<DateTime?> LastUsed() => app.WithDbAsync(db => db.ApiTokens.Where(t => t.Id == IdOf(token)).Select(t => t.LastUsedAt).SingleAsync());

        await app.As(token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);
        var first = await LastUsed();
        first.ShouldBe(app.Now);
        app.Time.Advance(TimeSpan.FromSeconds(40));
        await app.As(token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);
        (await LastUsed()).ShouldBe(first);
        app.Time.Advance(TimeSpan.FromSeconds(21));
        await app.As(token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);
        (await LastUsed()).ShouldBe(app.Now);
    }

    [Fact]
    public async Task Signing_out_one_session_ends_it_at_once_and_another_users_session_is_not_found()
    {
        var account = await app.RegisterAsync();
        var phone = await SignInAsync(account);
        var laptop = await SignInAsync(account);
        var stranger = await app.RegisterAsync();
        await app.As(phone).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);

        (await app.As(stranger.Token).DeleteAsync($"/api/v1/auth/sessions/{IdOf(phone)}").ShouldAnswer(HttpStatusCode.NotFound))
            .Detail().ShouldBe("Session not found");
        await app.As(phone).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);

        await app.As(laptop).DeleteAsync($"/api/v1/auth/sessions/{IdOf(phone)}").ShouldAnswer(HttpStatusCode.NoContent);
        await app.As(phone).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.Unauthorized);
        await app.As(laptop).DeleteAsync($"/api/v1/auth/sessions/{IdOf(phone)}").ShouldAnswer(HttpStatusCode.NotFound);
        await app.As(laptop).DeleteAsync("/api/v1/auth/sessions/not-a-number").ShouldAnswer(HttpStatusCode.NotFound);
        await app.As(laptop).DeleteAsync("/api/v1/auth/sessions/99999999999999999999999").ShouldAnswer(HttpStatusCode.NotFound);
        await app.Anonymous().DeleteAsync($"/api/v1/auth/sessions/{IdOf(laptop)}").ShouldAnswer(HttpStatusCode.Unauthorized);
        var left = (await app.As(laptop).GetAsync("/api/v1/auth/sessions").ShouldAnswer(HttpStatusCode.OK)).AsArray();
        left.Select(s => s!["id"]!.GetValue<long>()).ShouldNotContain(IdOf(phone));
    }

    [Fact]
    public async Task Signing_out_everywhere_else_keeps_only_this_session()
    {
        var account = await app.RegisterAsync();
        var phone = await SignInAsync(account);
        var laptop = await SignInAsync(account);
        await app.As(laptop).DeleteAsync("/api/v1/auth/sessions").ShouldAnswer(HttpStatusCode.NoContent);
        await app.As(account.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.Unauthorized);
        await app.As(phone).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.Unauthorized);
        var left = (await app.As(laptop).GetAsync("/api/v1/auth/sessions").ShouldAnswer(HttpStatusCode.OK)).AsArray();
        left.Count.ShouldBe(1);
        left[0]!["current"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task A_signed_out_session_is_refused_by_every_request_sent_after_the_answer()
    {
        for (var round = 0; round < 3; round++)
        {
            var account = await app.RegisterAsync();
            var other = await SignInAsync(account);
            await RevocationRace.RunAsync([app.As(other)], () =>
                app.As(account.Token).DeleteAsync($"/api/v1/auth/sessions/{IdOf(other)}").ShouldAnswer(HttpStatusCode.NoContent));
        }
    }
}

public sealed class SessionsTestsOnSqlite(ClockedSqliteApp app) : SessionsTests<ClockedSqliteApp>(app), IClassFixture<ClockedSqliteApp>;

public sealed class SessionsTestsOnPostgres(ClockedPostgresApp app) : SessionsTests<ClockedPostgresApp>(app), IClassFixture<ClockedPostgresApp>;

/// <summary>Two nodes with Redis: a session signed out through one node is refused by both from the answer on.</summary>
public sealed class SessionRevocationAcrossNodesTests(RedisNodes nodes) : IClassFixture<RedisNodes>
{
    [Fact]
    public async Task A_session_signed_out_on_one_node_is_refused_by_every_node_after_the_answer()
    {
        for (var round = 0; round < 3; round++)
        {
            var account = await nodes.First.RegisterAsync();
            var other = (await nodes.Second.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = account.Email, password = "correct-horse" })
                .ShouldAnswer(HttpStatusCode.OK)).Text("access_token");
            var id = other[..other.IndexOf('|')];
            await RevocationRace.RunAsync([nodes.First.As(other), nodes.Second.As(other)], () =>
                nodes.First.As(account.Token).DeleteAsync($"/api/v1/auth/sessions/{id}").ShouldAnswer(HttpStatusCode.NoContent));
        }
    }
}
