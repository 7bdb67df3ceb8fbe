using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Email;

/// <summary>The claim that lets several dispatchers share one outbox, on each database.</summary>
public abstract class OutboxClaimTests(SwitchboardApp app)
{
    [Fact]
    public async Task Four_concurrent_dispatchers_never_claim_the_same_row()
    {
        var kind = $"claim-{Guid.NewGuid():N}"[..30];
        var now = DateTime.UtcNow;
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 40; i++)
                db.Outbox.Add(Row(kind, now.AddMilliseconds(-i)));
            return await db.SaveChangesAsync();
        });

        var claimed = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var mine = new List<Guid>();
            while (true)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
                var batch = await OutboxClaims.ClaimAsync(db, DateTime.UtcNow, TimeSpan.FromMinutes(5), 3, CancellationToken.None);
                var ours = batch.Where(m => m.Kind == kind).Select(m => m.Id).ToList();
                if (batch.Count == 0) return mine;
                mine.AddRange(ours);
            }
        })));

        var all = claimed.SelectMany(c => c).ToList();
        all.Count.ShouldBe(40);
        all.Distinct().Count().ShouldBe(40);
    }

    [Fact]
    public async Task A_claimed_row_is_due_again_only_after_its_claim_expires()
    {
        var kind = $"expiry-{Guid.NewGuid():N}"[..30];
        var now = DateTime.UtcNow;
        var row = Row(kind, now.AddMinutes(-10));
        await app.WithDbAsync(async db => { db.Outbox.Add(row); return await db.SaveChangesAsync(); });

        var first = await ClaimAsync(now, kind);
        first.ShouldHaveSingleItem().Attempts.ShouldBe(1);
        (await ClaimAsync(now.AddSeconds(30), kind)).ShouldBeEmpty();
        var again = await ClaimAsync(now.AddMinutes(2), kind);
        again.ShouldHaveSingleItem().Attempts.ShouldBe(2);
    }

    private Task<List<OutboxMessage>> ClaimAsync(DateTime now, string kind) => app.WithDbAsync(async db =>
        (await OutboxClaims.ClaimAsync(db, now, TimeSpan.FromMinutes(1), 50, CancellationToken.None))
            .Where(m => m.Kind == kind).ToList());

    private static OutboxMessage Row(string kind, DateTime due) => new()
    {
        MessageId = $"{Guid.NewGuid():N}@test.local",
        To = "someone@example.com",
        Subject = "s",
        HtmlBody = "<p>h</p>",
        TextBody = "t",
        Kind = kind,
        CreatedAt = due,
        NextAttemptAt = due,
    };
}

public sealed class OutboxClaimTestsOnSqlite(OutboxOnlySqliteApp app) : OutboxClaimTests(app), IClassFixture<OutboxOnlySqliteApp>;

public sealed class OutboxClaimTestsOnPostgres(OutboxOnlyPostgresApp app) : OutboxClaimTests(app), IClassFixture<OutboxOnlyPostgresApp>;
