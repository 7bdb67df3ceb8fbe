using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Security;

/// <summary>
/// The InviteBudgets migration on a database that already holds invitation mail: the rows stay, get their
/// mailbox key (the +tag cut), and keep counting toward that mailbox's hourly cap after the upgrade.
/// </summary>
public abstract class InviteBudgetsUpgradeTests(SwitchboardApp app)
{
    [Fact]
    public async Task Mail_stored_before_the_upgrade_still_counts_for_its_mailbox()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var local = $"before-{Guid.NewGuid():N}";
        for (var i = 1; i <= 6; i++) await business.InviteAsync($"{local}+{i}@example.com", "lite");

        // Back to the schema before the mailbox key (the rows stay), then up again, as a start does.
        await app.WithDbAsync(async db =>
        {
            await db.GetService<IMigrator>().MigrateAsync("Lifecycle");
            (await db.Database.GetAppliedMigrationsAsync()).ShouldNotContain(m => m.EndsWith("_InviteBudgets"));
            await db.Database.MigrateAsync();
            return 0;
        });

        var keys = await app.WithDbAsync(db => db.Outbox.AsNoTracking().Where(m => m.RecipientKey.StartsWith(local)).Select(m => m.MailboxKey).ToListAsync());
        keys.Count.ShouldBe(6);
        keys.ShouldAllBe(k => k == $"{local}@example.com");
        await business.Pipeback().PostAsJsonAsync("/app/invites", new { email = $"{local}+7@example.com", seat = "lite" })
            .ShouldAnswer(HttpStatusCode.TooManyRequests);
        await business.InviteAsync(Api.NewEmail("unrelated"), "lite");
    }
}

public sealed class InviteBudgetsUpgradeTestsOnSqlite(SqliteApp app) : InviteBudgetsUpgradeTests(app), IClassFixture<SqliteApp>;

public sealed class InviteBudgetsUpgradeTestsOnPostgres(PostgresApp app) : InviteBudgetsUpgradeTests(app), IClassFixture<PostgresApp>;
