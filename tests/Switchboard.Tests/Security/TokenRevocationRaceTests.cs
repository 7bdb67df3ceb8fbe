using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Security;

/// <summary>
/// "A revoked right ends at once, on every node": reads of a token race the request that revokes it, and no read
/// sent after that request's answer is let in. The revocations: logout (outside any transaction) and a password
/// reset (every token of the account, inside the reset's transaction, the shape of every RevokeAllAsync caller). Each scenario repeats, with fresh tokens.
/// </summary>
public abstract class TokenRevocationRaceTests(SwitchboardApp app)
{
    private const int Rounds = 3;

    [Fact]
    public async Task A_token_revoked_inside_a_transaction_is_refused_by_every_request_sent_after_the_answer()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var account = await app.RegisterAsync();
            var link = await ResetLinkAsync(app, account.Email);

            await RevocationRace.RunAsync([app.As(account.Token)], () =>
                app.Anonymous().PostAsJsonAsync("/api/v1/auth/password/reset", new { token = link, password = "kates-own-secret-42" })
                    .ShouldAnswer(HttpStatusCode.OK));
        }
    }

    [Fact]
    public async Task A_logged_out_token_is_refused_by_every_request_sent_after_the_answer()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var account = await app.RegisterAsync();
            await RevocationRace.RunAsync([app.As(account.Token)], () =>
                app.As(account.Token).PostAsync("/api/v1/auth/logout", null).ShouldAnswer(HttpStatusCode.OK));
        }
    }

    /// <summary>Asks for a reset link and returns its token, as the mailbox's owner would.</summary>
    internal static async Task<string> ResetLinkAsync(SwitchboardApp app, string email)
    {
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/password/forgot", new { email }).ShouldAnswer(HttpStatusCode.Accepted);
        return await Accounts.PasswordResetSteps.ResetTokenAsync(app, email);
    }
}

public sealed class TokenRevocationRaceTestsOnSqlite(SqliteApp app) : TokenRevocationRaceTests(app), IClassFixture<SqliteApp>;

public sealed class TokenRevocationRaceTestsOnPostgres(PostgresApp app) : TokenRevocationRaceTests(app), IClassFixture<PostgresApp>;

/// <summary>
/// The same on two nodes in cluster mode (PostgreSQL and Redis): the token is read through both nodes, revoked
/// through the first, and refused by both from the answer on — the second node evicted it before the answer left.
/// </summary>
public sealed class TokenRevocationAcrossNodesTests(RedisNodes nodes) : IClassFixture<RedisNodes>
{
    [Fact]
    public async Task A_token_revoked_on_one_node_is_refused_by_every_node_for_every_request_sent_after_the_answer()
    {
        for (var round = 0; round < 3; round++)
        {
            var account = await nodes.First.RegisterAsync();
            await RevocationRace.RunAsync([nodes.First.As(account.Token), nodes.Second.As(account.Token)], () =>
                nodes.First.As(account.Token).PostAsync("/api/v1/auth/logout", null).ShouldAnswer(HttpStatusCode.OK));
        }
    }

    [Fact]
    public async Task Every_token_of_a_reset_account_is_refused_by_every_node_after_the_answer()
    {
        for (var round = 0; round < 3; round++)
        {
            var account = await nodes.First.RegisterAsync();
            var link = await TokenRevocationRaceTests.ResetLinkAsync(nodes.First, account.Email);

            await RevocationRace.RunAsync([nodes.Second.As(account.Token), nodes.First.As(account.Token)], () =>
                nodes.First.Anonymous().PostAsJsonAsync("/api/v1/auth/password/reset", new { token = link, password = "kates-own-secret-42" })
                    .ShouldAnswer(HttpStatusCode.OK));
        }
    }
}
