using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Data;

/// <summary>
/// The workspace lock on PostgreSQL, watched from the server's side (pg_stat_activity), never by timing: a manual
/// assignment (shared) waits for a counting write (exclusive) of its workspace, not for another manual assignment,
/// and not for another workspace's counting write.
/// </summary>
public sealed class WorkspaceLockTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    private async Task<(Business Business, Guid Conversation, Guid Agent)> WorkspaceAsync()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (agent, _) = await business.AddMemberAsync();
        return (business, await business.OpenConversationAsync(), agent.UserId);
    }

    /// <summary>Holds the workspace's lock in a transaction of its own until disposed.</summary>
    private async Task<WorkspaceWork> HoldAsync(Guid workspaceId, bool shared) => (await HoldWithDbAsync(workspaceId, shared)).Work;

    private async Task<(WorkspaceWork Work, SwitchboardDb Db)> HoldWithDbAsync(Guid workspaceId, bool shared = false)
    {
        var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        return ((await WorkspaceWork.BeginAsync(db, scope.ServiceProvider.GetRequiredService<IDomainEvents>(), workspaceId, shared))!, db);
    }

    /// <summary>How many of this database's sessions wait on an advisory lock right now.</summary>
    private async Task<int> AdvisoryWaitersAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresApp.ServerConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = @db AND wait_event_type = 'Lock' AND wait_event = 'advisory'", connection);
        count.Parameters.AddWithValue("db", app.Database);
        return Convert.ToInt32(await count.ExecuteScalarAsync());
    }

    private Task<HttpResponseMessage> AssignAsync(Business business, Guid conversation, Guid agent) =>
        business.Client.PostAsync($"/api/v1/team/assign/{conversation}?agent_id={agent}", null);

    [Fact]
    public async Task A_manual_assignment_waits_for_a_counting_write_of_its_workspace_only()
    {
        var (business, conversation, agent) = await WorkspaceAsync();
        var (other, otherConversation, otherAgent) = await WorkspaceAsync();

        await using (await HoldAsync(other.Id, shared: false))
            (await AssignAsync(business, conversation, agent)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var work = await HoldAsync(business.Id, shared: false);
        var waiting = AssignAsync(business, conversation, agent);
        await Polling.UntilAsync(async () => await AdvisoryWaitersAsync() == 1, "the assignment to wait on the advisory lock");
        waiting.IsCompleted.ShouldBeFalse();
        await work.DisposeAsync(); // rolls back, releasing the lock
        (await waiting).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AssignAsync(other, otherConversation, otherAgent)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Manual_assignments_do_not_wait_for_each_other()
    {
        var (business, conversation, agent) = await WorkspaceAsync();
        await using var held = await HoldAsync(business.Id, shared: true);
        (await AssignAsync(business, conversation, agent)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AdvisoryWaitersAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_manual_assignment_that_waited_for_the_deletion_of_its_workspace_answers_404_and_writes_nothing()
    {
        // The shared lock reads the workspace in the lock's own statement (one round trip), whose snapshot predates
        // the wait: the deletion must still be seen, by the next statement, and nothing written for a gone workspace.
        var (business, conversation, agent) = await WorkspaceAsync();
        var (work, db) = await HoldWithDbAsync(business.Id);
        var waiting = AssignAsync(business, conversation, agent);
        await Polling.UntilAsync(async () => await AdvisoryWaitersAsync() == 1, "the assignment to wait on the advisory lock");
        await Switchboard.Features.Workspaces.WorkspaceErasure.EraseInWorkAsync(db, work);
        await work.CommitAsync();
        await work.DisposeAsync();
        (await waiting).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using var scope = app.Services.CreateAsyncScope();
        var check = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        (await check.AuditEvents.CountAsync(a => a.WorkspaceId == business.Id)).ShouldBe(0);
        (await check.Conversations.CountAsync(c => c.Id == conversation)).ShouldBe(0);
    }

    [Fact]
    public async Task A_counting_write_reads_the_workspace_as_committed_before_it_got_the_lock()
    {
        var (business, _, _) = await WorkspaceAsync();
        var (first, firstDb) = await HoldWithDbAsync(business.Id);
        var second = Task.Run(() => HoldWithDbAsync(business.Id));
        await Polling.UntilAsync(async () => await AdvisoryWaitersAsync() == 1, "the second counting write to wait");
        // The first changes the plan and commits; the second, granted the lock afterwards, must see the new plan.
        await firstDb.Workspaces.Where(w => w.Id == business.Id).ExecuteUpdateAsync(s => s.SetProperty(w => w.Plan, Plan.Free));
        await first.CommitAsync();
        await first.DisposeAsync();
        var (granted, _) = await second;
        granted.Workspace.Plan.ShouldBe(Plan.Free);
        await granted.DisposeAsync();
    }
}
