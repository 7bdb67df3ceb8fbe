using System.Data.Common;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Features.Conversations;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Conversations;

/// <summary>
/// Manual assignments that arrive together commit together (AssignmentBatches): each request still gets the answer it
/// would get alone. The lane is held while the requests arrive, so which requests share a batch is known.
/// </summary>
public abstract class AssignmentBatchTests(SwitchboardApp app)
{
    private Task<HttpResponseMessage[]> TogetherAsync(Guid workspaceId, Func<Task>? whileHeld,
        params Func<Task<HttpResponseMessage>>[] requests) =>
        TogetherAsync(app.Services.GetRequiredService<AssignmentBatches>(), workspaceId, whileHeld, requests);

    /// <summary>Sends the requests while the workspace's lane is held, then lets them run as batches.</summary>
    private static async Task<HttpResponseMessage[]> TogetherAsync(AssignmentBatches batches, Guid workspaceId,
        Func<Task>? whileHeld, params Func<Task<HttpResponseMessage>>[] requests)
    {
        Task<HttpResponseMessage[]> all;
        using (batches.Hold(workspaceId))
        {
            // Sent once the lane is held, in this order (each waits in the lane before the next is sent).
            var sent = new List<Task<HttpResponseMessage>>();
            foreach (var request in requests)
            {
                sent.Add(request());
                while (batches.WaitingIn(workspaceId) < sent.Count)
                {
                    if (sent[^1].IsCompleted) throw new InvalidOperationException("a request was answered before its batch ran");
                    await Task.Delay(5);
                }
            }
            all = Task.WhenAll(sent);
            if (whileHeld is not null) await whileHeld();
        }
        return await all;
    }

    /// <summary>Runs <paramref name="act"/> on a database context of its own, as another request would.</summary>
    private async Task InScopeAsync(Func<SwitchboardDb, IServiceProvider, Task> act)
    {
        using var scope = app.Services.CreateScope();
        await act(scope.ServiceProvider.GetRequiredService<SwitchboardDb>(), scope.ServiceProvider);
    }

    /// <summary>A business on the mini plan with one agent and two open conversations.</summary>
    private async Task<(Business Business, Account Agent, Guid C1, Guid C2)> AgentAndTwoConversationsAsync()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, _) = await business.AddMemberAsync();
        return (business, agent, await business.OpenConversationAsync(), await business.OpenConversationAsync());
    }

    [Fact]
    public async Task Assignments_that_arrive_together_each_get_their_own_answer()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (admin, _) = await business.AddMemberAsync("admin");
        var (first, _) = await business.AddMemberAsync();
        var (second, _) = await business.AddMemberAsync();
        var c1 = await business.OpenConversationAsync();
        var c2 = await business.OpenConversationAsync();
        var c3 = await business.OpenConversationAsync();
        var c4 = await business.OpenConversationAsync();
        var c5 = await business.OpenConversationAsync();
        var closed = await business.OpenConversationAsync();
        await business.Client.PutAsync($"/api/v1/conversations/{closed}/close", null).ShouldAnswer(HttpStatusCode.OK);
        var other = await app.CreateBusinessAsync();
        var foreign = await other.OpenConversationAsync();
        var owner = business.Client;
        string Assign(Guid conversation, Guid agent) => $"/api/v1/team/assign/{conversation}?agent_id={agent}";

        var answers = await TogetherAsync(business.Id, null,
            () => owner.PostAsync(Assign(c1, first.UserId), null),
            () => owner.PostAsync(Assign(c2, second.UserId), null),
            () => app.As(admin.Token).PutAsync($"/api/v1/conversations/{c3}/assign/{first.UserId}", null),
            () => app.As(first.Token).PostAsync(Assign(c4, first.UserId), null),
            () => owner.PostAsync(Assign(closed, first.UserId), null),
            () => owner.PostAsync(Assign(c5, Guid.NewGuid()), null),
            () => owner.PostAsync(Assign(foreign, first.UserId), null),
            // The same conversation again: a batch of its own, after the first assignment committed.
            () => owner.PostAsync(Assign(c1, second.UserId), null));

        answers.Select(a => a.StatusCode).ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK,
            HttpStatusCode.Forbidden, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.OK]);
        (await answers[0].ReadJsonAsync()).ToJsonString().ShouldBe("""{"message":"Conversation assigned successfully"}""");
        (await answers[3].ReadJsonAsync()).Detail().ShouldBe("Only admins can assign conversations");
        (await answers[4].ReadJsonAsync()).Detail().ShouldBe("Cannot assign a closed conversation");
        (await answers[5].ReadJsonAsync()).Detail().ShouldBe("Agent is not a team member");
        (await answers[6].ReadJsonAsync()).Detail().ShouldBe("Conversation not found");

        async Task<string?> AssigneeOf(Guid conversation) =>
            (await owner.GetAsync($"/api/v1/conversations/{conversation}").ShouldAnswer(HttpStatusCode.OK))
                ["assigned_agent_id"]?.GetValue<string>();
        (await AssigneeOf(c1)).ShouldBe(second.UserId.ToString());
        (await AssigneeOf(c2)).ShouldBe(second.UserId.ToString());
        (await AssigneeOf(c3)).ShouldBe(first.UserId.ToString());
        (await AssigneeOf(c4)).ShouldBeNull();
        (await AssigneeOf(c5)).ShouldBeNull();
        (await other.Client.GetAsync($"/api/v1/conversations/{foreign}").ShouldAnswer(HttpStatusCode.OK))
            ["assigned_agent_id"].ShouldBeNull();

        var raised = app.Events.Of<ConversationAssigned>(business.Id);
        raised.Select(e => (e.ConversationId, e.AssigneeUserId, e.PreviousAssigneeUserId)).ShouldBe(
            [(c1, first.UserId, null), (c2, second.UserId, null), (c3, first.UserId, null), (c1, second.UserId, first.UserId)],
            ignoreOrder: true);
        raised.Single(e => e.ConversationId == c3).AssignedByUserId.ShouldBe(admin.UserId);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SwitchboardDb>();
        (await db.AuditEvents.CountAsync(a => a.WorkspaceId == business.Id && a.Action == "conversation.assigned")).ShouldBe(4);
        // The tie-break moved for both agents.
        var agents = await db.Memberships.AsNoTracking()
            .Where(m => m.WorkspaceId == business.Id && (m.UserId == first.UserId || m.UserId == second.UserId)).ToListAsync();
        agents.ShouldAllBe(m => m.LastAssignedAt != null);
    }

    [Fact]
    public async Task A_caller_whose_rights_changed_while_the_batch_waited_is_refused_and_the_rest_commit()
    {
        var (business, agent, c1, c2) = await AgentAndTwoConversationsAsync();
        var (admin, adminMember) = await business.AddMemberAsync("admin");

        var answers = await TogetherAsync(business.Id,
            // The admin is made an agent after their request was judged on the cached caller, before the batch.
            () => InScopeAsync(async (db, _) =>
            {
                var member = await db.Memberships.SingleAsync(m => m.Id == adminMember);
                member.Role = Role.Agent;
                await db.SaveChangesAsync();
            }),
            () => app.As(admin.Token).PostAsync($"/api/v1/team/assign/{c1}?agent_id={agent.UserId}", null),
            () => business.Client.PostAsync($"/api/v1/team/assign/{c2}?agent_id={agent.UserId}", null));

        answers[0].StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        answers[1].StatusCode.ShouldBe(HttpStatusCode.OK);
        var raised = app.Events.Of<ConversationAssigned>(business.Id).ShouldHaveSingleItem();
        raised.ConversationId.ShouldBe(c2);
        (await business.Client.GetAsync($"/api/v1/conversations/{c1}").ShouldAnswer(HttpStatusCode.OK))
            ["assigned_agent_id"].ShouldBeNull();
    }

    [Fact]
    public async Task A_batch_that_fails_to_save_is_assigned_again_one_by_one_and_nothing_is_written_twice()
    {
        var (business, agent, c1, c2) = await AgentAndTwoConversationsAsync();
        // A node of its own whose database fails the first save that writes two conversations at once (a batch).
        var failing = new FailFirstBatchSave();
        await using var node = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IInterceptor>(failing)));
        var client = node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", business.Owner.Token);

        var answers = await TogetherAsync(node.Services.GetRequiredService<AssignmentBatches>(), business.Id, null,
            () => client.PostAsync($"/api/v1/team/assign/{c1}?agent_id={agent.UserId}", null),
            () => client.PostAsync($"/api/v1/team/assign/{c2}?agent_id={agent.UserId}", null));

        failing.Failed.ShouldBe(1);
        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK);
        app.Events.Of<ConversationAssigned>(business.Id).Select(e => e.ConversationId).ShouldBe([c1, c2], ignoreOrder: true);
        await InScopeAsync(async (db, _) =>
            (await db.AuditEvents.CountAsync(a => a.WorkspaceId == business.Id && a.Action == "conversation.assigned")).ShouldBe(2));
    }

    /// <summary>
    /// Fails, once, the save of a transaction that updates a second conversation (a batch's: a lone assignment
    /// updates one) — after the first update ran on SQLite, which sends each statement alone; as one command on
    /// PostgreSQL, which sends the save as one batch.
    /// </summary>
    private sealed class FailFirstBatchSave : DbCommandInterceptor
    {
        private readonly ConditionalWeakTable<DbTransaction, StrongBox<int>> _updates = new();
        private int _failed;

        public int Failed => _failed;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
            CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            var updates = command.CommandText.Split("UPDATE ").Count(part => part.TrimStart('"').StartsWith("conversations", StringComparison.Ordinal));
            if (updates > 0 && command.Transaction is { } transaction)
            {
                var seen = _updates.GetOrCreateValue(transaction);
                seen.Value += updates;
                if (seen.Value > 1 && Interlocked.CompareExchange(ref _failed, 1, 0) == 0)
                    throw new InvalidOperationException("the database failed this batch (test)");
            }
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    [Fact]
    public async Task Assignments_waiting_while_their_workspace_is_deleted_answer_404()
    {
        var (business, agent, c1, c2) = await AgentAndTwoConversationsAsync();

        var answers = await TogetherAsync(business.Id,
            // As deleting the workspace does (its own unit of work, under the exclusive lock).
            () => InScopeAsync(async (db, services) =>
            {
                await using var work = await WorkspaceWork.BeginAsync(db, services.GetRequiredService<IDomainEvents>(), business.Id);
                await Switchboard.Features.Workspaces.WorkspaceErasure.EraseInWorkAsync(db, work!);
                await work!.CommitAsync();
            }),
            () => business.Client.PostAsync($"/api/v1/team/assign/{c1}?agent_id={agent.UserId}", null),
            () => business.Client.PostAsync($"/api/v1/team/assign/{c2}?agent_id={agent.UserId}", null));

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.NotFound);
        app.Events.Of<ConversationAssigned>(business.Id).ShouldBeEmpty();
    }
}

public sealed class AssignmentBatchTestsOnSqlite(SqliteApp app) : AssignmentBatchTests(app), IClassFixture<SqliteApp>;

public sealed class AssignmentBatchTestsOnPostgres(PostgresApp app) : AssignmentBatchTests(app), IClassFixture<PostgresApp>;
