using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Switchboard.Domain;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Lifecycle;

/// <summary>
/// The Lifecycle migration on a database that already holds data: members, a pending invite and the seat
/// ledger written before it (the schema taken back to the Trust migration) are all there after it, the
/// invite pending (its link works) and every member active.
/// </summary>
public abstract class LifecycleUpgradeTests(SwitchboardApp app)
{
    [Fact]
    public async Task Members_and_pending_invites_stored_before_the_migration_survive_it()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, member) = await business.AddMemberAsync();
        var email = Api.NewEmail("before");
        var invite = await business.InviteAsync(email);

        // Back to the schema before suspension, statuses and links — the data stays — then up again, as a start does.
        await app.WithDbAsync(async db =>
        {
            await db.GetService<IMigrator>().MigrateAsync("Trust");
            (await db.Database.GetAppliedMigrationsAsync()).ShouldNotContain(m => m.EndsWith("_Lifecycle"));
            await db.Database.MigrateAsync();
            return 0;
        });

        var stored = await app.WithDbAsync(db => db.Invites.AsNoTracking().SingleAsync(i => i.Id == invite.Id()));
        stored.Status.ShouldBe(InviteStatus.Pending);
        (await app.Anonymous().GetAsync($"/app/invites/{invite.Id()}").ShouldAnswer(HttpStatusCode.OK))["data"]!.Text("email").ShouldBe(email);
        (await business.Pipeback().GetAsync("/app/invites").ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray().Single()!.Text("status").ShouldBe("pending");
        var listed = await business.MemberAsync(member);
        listed["is_active"]!.GetValue<bool>().ShouldBeTrue();
        (await business.BillingAsync()).AgentsUsed().ShouldBe(2);
        await app.As(agent.Token, business.Id).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);
        // And the new schema works on the old rows.
        await business.SuspendAsync(member);
        (await business.BillingAsync()).AgentsUsed().ShouldBe(1);
    }
}

public sealed class LifecycleUpgradeTestsOnSqlite(SqliteApp app) : LifecycleUpgradeTests(app), IClassFixture<SqliteApp>;

public sealed class LifecycleUpgradeTestsOnPostgres(PostgresApp app) : LifecycleUpgradeTests(app), IClassFixture<PostgresApp>;
