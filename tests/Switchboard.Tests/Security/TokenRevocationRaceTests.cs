using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Security;

/// <summary>
/// "A revoked right ends at once, on every node": reads of a token race the request that revokes it, and no read
/// sent after that request's answer is let in. The revocations: logout (outside any transaction) and the claim of
/// an unconfirmed account by an invite's link (every token of the account, inside the acceptance's transaction,
/// the shape of every RevokeAllAsync caller). Each scenario repeats, with fresh tokens.
/// </summary>
public abstract class TokenRevocationRaceTests(SwitchboardApp app)
{
    private const int Rounds = 3;

    [Fact]
    public async Task A_token_revoked_inside_a_transaction_is_refused_by_every_request_sent_after_the_answer()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var business = await app.CreateBusinessAsync(plan: "mini");
            var email = Api.NewEmail("kate");
            var squatter = await app.RegisterAsync(email, confirm: false);
            var invite = await business.InviteAsync(email, "full", "agent");

            await RevocationRace.RunAsync([app.As(squatter.Token)], () =>
                app.Anonymous().PostAsJsonAsync($"/app/invites/{invite.Id()}", InviteSteps.Acceptance(email, "Kate Real", "kates-own-password"))
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
    public async Task Every_token_of_a_claimed_account_is_refused_by_every_node_after_the_answer()
    {
        for (var round = 0; round < 3; round++)
        {
            var business = await nodes.First.CreateBusinessAsync(plan: "mini");
            var email = Api.NewEmail("kate");
            var squatter = await nodes.First.RegisterAsync(email, confirm: false);
            var invite = await business.InviteAsync(email, "full", "agent");

            await RevocationRace.RunAsync([nodes.Second.As(squatter.Token), nodes.First.As(squatter.Token)], () =>
                nodes.First.Anonymous().PostAsJsonAsync($"/app/invites/{invite.Id()}", InviteSteps.Acceptance(email, "Kate Real", "kates-own-password"))
                    .ShouldAnswer(HttpStatusCode.OK));
        }
    }
}
