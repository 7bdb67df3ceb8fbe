using System.Net;
using Microsoft.EntityFrameworkCore;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.AccountLifecycle;

/// <summary>GET /api/v1/auth/me/export: the caller's own data, never a secret or a hash.</summary>
public abstract class AccountExportTests(SwitchboardApp app)
{
    [Fact]
    public async Task The_export_holds_profile_memberships_sessions_and_audit_rows_and_no_secret()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, member) = await business.AddMemberAsync();
        var other = await app.CreateBusinessAsync();

        var export = await app.As(agent.Token).GetAsync("/api/v1/auth/me/export").ShouldAnswer(HttpStatusCode.OK);
        export["profile"]!.Text("email").ShouldBe(agent.Email);
        export["memberships"]!.AsArray().ShouldHaveSingleItem()!.Text("id").ShouldBe(member.ToString());
        var session = export["sessions"]!.AsArray().ShouldHaveSingleItem()!;
        session["current"]!.GetValue<bool>().ShouldBeTrue();
        session.AsObject().Select(p => p.Key).ShouldBe(["id", "name", "created_at", "last_used_at", "current"], ignoreOrder: true);
        export["audit"]!.AsArray().ShouldContain(a => a!.Text("action") == "member.added" || a!.Text("target_id") == member.ToString());

        var text = export.ToJsonString();
        var (hash, tokenHash) = await app.WithDbAsync(async db => (
            await db.Users.Where(u => u.Id == agent.UserId).Select(u => u.PasswordHash).SingleAsync(),
            await db.ApiTokens.Where(t => t.UserId == agent.UserId).Select(t => t.SecretHash).FirstAsync()));
        text.ShouldNotContain(hash);
        text.ShouldNotContain(tokenHash);
        text.ShouldNotContain(agent.Token.Split('|')[1]);
        foreach (var word in new[] { "password", "hash", "secret" }) text.ShouldNotContain(word, Case.Insensitive);
        // Nothing of a workspace the caller has no part in.
        text.ShouldNotContain(other.Id.ToString());
        await app.Anonymous().GetAsync("/api/v1/auth/me/export").ShouldAnswer(HttpStatusCode.Unauthorized);
    }
}

public sealed class AccountExportTestsOnSqlite(SqliteApp app) : AccountExportTests(app), IClassFixture<SqliteApp>;

public sealed class AccountExportTestsOnPostgres(PostgresApp app) : AccountExportTests(app), IClassFixture<PostgresApp>;
