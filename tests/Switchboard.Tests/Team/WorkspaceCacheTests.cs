using Microsoft.Extensions.Configuration;
using Switchboard.Tenancy;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Team;

/// <summary>The read cache's own rules, on a clock the test moves: versions, the race guard, expiry and its bounds.</summary>
public sealed class WorkspaceCacheTests
{
    private readonly ManualClock _clock = new();

    private WorkspaceCache Cache(int maxEntries = 20_000, int maxMegabytes = 64) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cache:MaxEntries"] = maxEntries.ToString(),
            ["Cache:MaxMegabytes"] = maxMegabytes.ToString(),
        }).Build(), _clock);

    [Fact]
    public void A_read_is_served_until_its_workspace_or_user_changes()
    {
        var cache = Cache();
        var (workspace, user, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        cache.Set("a", new byte[10], cache.Stamp(), workspace, user);
        cache.TryGet<byte[]>("a", out _).ShouldBeTrue();
        cache.Invalidate(other);
        cache.TryGet<byte[]>("a", out _).ShouldBeTrue();
        cache.Invalidate(user);
        cache.TryGet<byte[]>("a", out _).ShouldBeFalse();

        cache.Set("b", new byte[10], cache.Stamp(), workspace);
        cache.Invalidate(workspace);
        cache.TryGet<byte[]>("b", out _).ShouldBeFalse();
    }

    [Fact]
    public void A_change_of_data_only_keeps_the_callers_and_voids_the_reads()
    {
        var cache = Cache();
        var (workspace, user) = (Guid.NewGuid(), Guid.NewGuid());
        cache.Set("caller", new object(), cache.Stamp(access: true), workspace, user, access: true);
        cache.Set("members", new byte[10], cache.Stamp(), workspace);
        cache.InvalidateData(workspace);
        cache.TryGet<object>("caller", out _).ShouldBeTrue();
        cache.TryGet<byte[]>("members", out _).ShouldBeFalse();
        // A caller read that raced a data-only change is still stored; one that raced an access change is not.
        var stamp = cache.Stamp(access: true);
        cache.InvalidateData(workspace);
        cache.Set("caller2", new object(), stamp, workspace, user, access: true);
        cache.TryGet<object>("caller2", out _).ShouldBeTrue();
        stamp = cache.Stamp(access: true);
        cache.Invalidate(Guid.NewGuid());
        cache.Set("caller3", new object(), stamp, workspace, user, access: true);
        cache.TryGet<object>("caller3", out _).ShouldBeFalse();
        // A change of who may do what voids both kinds.
        cache.Invalidate(workspace);
        cache.TryGet<object>("caller", out _).ShouldBeFalse();
        cache.TryGet<object>("caller2", out _).ShouldBeFalse();
    }

    [Fact]
    public void A_change_of_conversations_voids_only_the_reads_that_count_them()
    {
        var cache = Cache();
        var (workspace, other) = (Guid.NewGuid(), Guid.NewGuid());
        cache.Set("members", new byte[10], cache.Stamp(), workspace);
        cache.Set("routing", new byte[10], cache.Stamp(readsQueue: true), workspace, readsQueue: true);
        cache.Set("routing-other", new byte[10], cache.Stamp(readsQueue: true), other, readsQueue: true);
        cache.InvalidateQueue(workspace);
        cache.TryGet<byte[]>("members", out _).ShouldBeTrue();
        cache.TryGet<byte[]>("routing", out _).ShouldBeFalse();
        cache.TryGet<byte[]>("routing-other", out _).ShouldBeTrue();
        // A queue read that raced a conversation change is not stored; a members read that raced it is.
        var queueStamp = cache.Stamp(readsQueue: true);
        var membersStamp = cache.Stamp();
        cache.InvalidateQueue(workspace);
        cache.Set("routing", new byte[10], queueStamp, workspace, readsQueue: true);
        cache.Set("members2", new byte[10], membersStamp, workspace);
        cache.TryGet<byte[]>("routing", out _).ShouldBeFalse();
        cache.TryGet<byte[]>("members2", out _).ShouldBeTrue();
        // Queue reads are data reads: any data change voids them too.
        cache.Set("routing", new byte[10], cache.Stamp(readsQueue: true), workspace, readsQueue: true);
        cache.TryGet<byte[]>("routing", out _).ShouldBeTrue();
        cache.InvalidateData(workspace);
        cache.TryGet<byte[]>("routing", out _).ShouldBeFalse();
    }

    [Fact]
    public void A_change_that_names_no_workspace_voids_every_read_and_with_access_every_caller()
    {
        var cache = Cache();
        var (workspace, user) = (Guid.NewGuid(), Guid.NewGuid());
        cache.Set("caller", new object(), cache.Stamp(access: true), workspace, user, access: true);
        cache.Set("members", new byte[10], cache.Stamp(), workspace);
        cache.InvalidateEverything(access: false);
        cache.TryGet<object>("caller", out _).ShouldBeTrue();
        cache.TryGet<byte[]>("members", out _).ShouldBeFalse();
        // A read in flight across it is not stored.
        var stamp = cache.Stamp();
        cache.InvalidateEverything(access: false);
        cache.Set("members", new byte[10], stamp, workspace);
        cache.TryGet<byte[]>("members", out _).ShouldBeFalse();
        cache.InvalidateEverything(access: true);
        cache.TryGet<object>("caller", out _).ShouldBeFalse();
    }

    [Theory]
    // EF Core's bulk statements as each provider writes them: PostgreSQL bare, SQLite quoted.
    [InlineData("UPDATE memberships AS m\nSET last_assigned_at = @__now_0\nWHERE m.id = @__id_1", "memberships", "last_assigned_at")]
    [InlineData("UPDATE \"users\" AS \"u\"\nSET \"name\" = @__p_0,\n    \"updated_at\" = @__now_1\nWHERE \"u\".\"id\" = @__id_2", "users", "name,updated_at")]
    [InlineData("UPDATE conversations AS c\nSET assignee_user_id = NULL,\n    updated_at = @__now_0\nFROM memberships AS m\nWHERE c.x = m.y", "conversations", "assignee_user_id,updated_at")]
    [InlineData("DELETE FROM \"member_skills\" AS \"m\"\nWHERE \"m\".\"membership_id\" = @__id_0", "member_skills", "")]
    public void A_bulk_statement_names_its_table_and_the_columns_it_sets(string sql, string table, string columns)
    {
        var bulk = CacheInvalidationInterceptor.Bulk(sql).ShouldNotBeNull();
        bulk.Table.ShouldBe(table);
        (bulk.Columns is null ? "" : string.Join(",", bulk.Columns.Order())).ShouldBe(columns);
    }

    [Fact]
    public void Statements_that_write_nothing_are_not_bulk_changes()
    {
        CacheInvalidationInterceptor.Bulk("SELECT pg_advisory_xact_lock(@p0)").ShouldBeNull();
        CacheInvalidationInterceptor.Bulk("PRAGMA journal_mode=WAL;").ShouldBeNull();
    }

    [Fact]
    public void A_bulk_change_of_columns_no_read_shows_voids_nothing_and_any_other_voids_every_workspace()
    {
        var changes = new CacheChanges();
        changes.AddBulk("memberships", ["last_assigned_at"]);
        changes.AddBulk("outbox", null);
        changes.IsEmpty.ShouldBeTrue();
        changes.AddBulk("conversations", ["assignee_user_id", "updated_at"]);
        changes.Everything.ShouldBe(CacheChanges.Scope.Data);
        changes.AddBulk("users", ["name"]);
        changes.Everything.ShouldBe(CacheChanges.Scope.Access);
    }

    [Fact]
    public void A_read_that_raced_a_change_is_not_stored()
    {
        var cache = Cache();
        var workspace = Guid.NewGuid();
        var stamp = cache.Stamp();
        cache.Invalidate(Guid.NewGuid()); // any change while the read was in flight
        cache.Set("a", new byte[10], stamp, workspace);
        cache.TryGet<byte[]>("a", out _).ShouldBeFalse();
    }

    [Fact]
    public void An_entry_lives_one_second()
    {
        var cache = Cache();
        cache.Set("a", new byte[10], cache.Stamp(), Guid.NewGuid());
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        cache.TryGet<byte[]>("a", out _).ShouldBeTrue();
        _clock.Advance(TimeSpan.FromMilliseconds(2));
        cache.TryGet<byte[]>("a", out _).ShouldBeFalse();
    }

    [Fact]
    public void Entries_and_bytes_stay_under_their_caps()
    {
        var cache = Cache(maxEntries: 100, maxMegabytes: 1);
        for (var i = 0; i < 1_000; i++) cache.Set($"small-{i}", new byte[100], cache.Stamp(), Guid.NewGuid());
        cache.Count.ShouldBeLessThanOrEqualTo(100);
        for (var i = 0; i < 100; i++) cache.Set($"big-{i}", new byte[100_000], cache.Stamp(), Guid.NewGuid());
        cache.Bytes.ShouldBeLessThanOrEqualTo(1024 * 1024);
        // One body larger than a quarter of the cache is never kept.
        cache.Set("huge", new byte[400_000], cache.Stamp(), Guid.NewGuid());
        cache.TryGet<byte[]>("huge", out _).ShouldBeFalse();
    }
}
