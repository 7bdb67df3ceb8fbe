using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Switchboard.Data;
using Switchboard.Tenancy;

namespace Switchboard.Tests.Team;

/// <summary>
/// The read cache's invalidation walks the model, not a list of use cases: every table but the few no cached read
/// looks at turns a written row into an invalidation, so a table or a write added later cannot be forgotten.
/// </summary>
public sealed class CacheChangesModelTests
{
    private static SqliteSwitchboardDb Db() =>
        new(new DbContextOptionsBuilder<SqliteSwitchboardDb>().UseSqlite("Data Source=:memory:").Options);

    public static TheoryData<string> Tables()
    {
        using var db = Db();
        return [.. db.Model.GetEntityTypes().Where(t => !t.IsOwned()).Select(t => t.GetTableName()!).Distinct().Order()];
    }

    [Fact]
    public void Every_table_said_to_be_unread_is_a_table_of_the_model()
    {
        using var db = Db();
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).ToHashSet();
        CacheChanges.UnreadTables.Where(t => !tables.Contains(t)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void A_row_added_or_deleted_in_a_table_a_cached_read_may_show_voids_something(string table)
    {
        using var db = Db();
        var type = db.Model.GetEntityTypes().First(t => t.GetTableName() == table && !t.IsOwned());
        foreach (var state in new[] { EntityState.Added, EntityState.Deleted })
        {
            var entity = RuntimeHelpers.GetUninitializedObject(type.ClrType);
            var entry = db.Entry(entity);
            foreach (var key in type.FindPrimaryKey()!.Properties)
                entry.Property(key.Name).CurrentValue = key.ClrType == typeof(Guid) ? Guid.NewGuid() : Convert.ChangeType(Random.Shared.Next(1, int.MaxValue), key.ClrType);
            foreach (var name in new[] { "WorkspaceId", "UserId" })
                if (type.FindProperty(name) is { ClrType: var clr } && (clr == typeof(Guid) || clr == typeof(Guid?)))
                    entry.Property(name).CurrentValue = Guid.NewGuid();
            entry.State = state;

            var changes = new CacheChanges();
            changes.AddTracked(entry);
            changes.IsEmpty.ShouldBe(CacheChanges.UnreadTables.Contains(table), $"{state} row of {table}");
            entry.State = EntityState.Detached;
        }
    }

    [Fact]
    public void A_membership_whose_status_alone_changed_voids_its_workspace_reads_and_keeps_the_callers()
    {
        using var db = Db();
        var membership = new Domain.Membership { WorkspaceId = Guid.NewGuid(), UserId = Guid.NewGuid() };
        var entry = db.Entry(membership);
        entry.State = EntityState.Unchanged;
        membership.Status = Domain.AgentStatus.Live;
        db.ChangeTracker.DetectChanges();
        var changes = new CacheChanges();
        changes.AddTracked(entry);
        changes.Ids.ShouldBe([(membership.WorkspaceId, CacheChanges.Scope.Data)]);

        membership.Role = Domain.Role.Admin;
        db.ChangeTracker.DetectChanges();
        changes.Clear();
        changes.AddTracked(entry);
        changes.Ids.ShouldBe([(membership.WorkspaceId, CacheChanges.Scope.Access), (membership.UserId, CacheChanges.Scope.Access)],
            ignoreOrder: true);
    }

    [Fact]
    public void A_conversation_row_voids_only_its_workspace_queue_reads()
    {
        using var db = Db();
        var conversation = new Domain.Conversation { WorkspaceId = Guid.NewGuid() };
        var entry = db.Entry(conversation);
        entry.State = EntityState.Unchanged;
        conversation.AssigneeUserId = Guid.NewGuid();
        db.ChangeTracker.DetectChanges();
        var changes = new CacheChanges();
        changes.AddTracked(entry);
        changes.Ids.ShouldBe([(conversation.WorkspaceId, CacheChanges.Scope.Queue)]);
    }
}
