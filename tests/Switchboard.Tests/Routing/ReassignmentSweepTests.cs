using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Domain;
using Switchboard.Features.Routing;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Routing;

/// <summary>
/// reassign_after_minutes on a fake clock: the test moves time past the limit and waits for the sweeper's
/// own timer (Routing:SweepIntervalSeconds on the app's TimeProvider) to move the conversation. Nothing is
/// aged by hand and nothing sleeps; the clock stands still otherwise, so no sweep can run unasked.
/// </summary>
public abstract class ReassignmentSweepTests<TApp>(TApp app) where TApp : SwitchboardApp, IClockedApp
{
    private async Task<(Business Business, Account First, Account Second)> TeamOfTwoAsync()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        await business.Client.PatchAsJsonAsync("/api/v1/team/status", new { status = "offline" }).ShouldAnswer(HttpStatusCode.OK);
        var (first, _) = await business.AddMemberAsync();
        var (second, _) = await business.AddMemberAsync();
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { mode = "auto", default_capacity = 5 })
            .ShouldAnswer(HttpStatusCode.OK);
        return (business, first, second);
    }

    private Task GoAsync(Account agent, string status) =>
        app.As(agent.Token).PatchAsJsonAsync("/api/v1/team/status", new { status }).ShouldAnswer(HttpStatusCode.OK);

    private async Task<Dictionary<Guid, Guid?>> AssigneesAsync(Business business)
    {
        var list = await business.Client.GetAsync("/api/v1/conversations/").ShouldAnswer(HttpStatusCode.OK);
        return list.AsArray().ToDictionary(c => Guid.Parse(c!["id"]!.GetValue<string>()),
            c => c!["assigned_agent_id"] is { } a ? Guid.Parse(a.GetValue<string>()) : (Guid?)null);
    }

    /// <summary>The routing event that moved this conversation away from its first assignee, once the sweep has raised it.</summary>
    private Task<ConversationAssigned> MovedAsync(Business business, Guid conversation) =>
        Polling.ForAsync(() => app.Events.Of<ConversationAssigned>(business.Id)
            .LastOrDefault(e => e.ConversationId == conversation && e.PreviousAssigneeUserId is not null),
            $"the sweep to move conversation {conversation}");

    [Fact]
    public async Task A_silent_assignee_loses_the_conversation_to_someone_else_and_both_hear_of_it()
    {
        var (business, silent, other) = await TeamOfTwoAsync();
        await GoAsync(silent, "live");
        var conversation = await business.OpenConversationAsync();
        (await AssigneesAsync(business))[conversation].ShouldBe(silent.UserId);
        await GoAsync(other, "live");
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { reassign_after_minutes = 5 }).ShouldAnswer(HttpStatusCode.OK);
        var sweeper = app.Services.GetRequiredService<ReassignmentSweeper>();
        (await sweeper.SweepAsync()).ShouldBe(0);   // not silent for long enough yet

        app.Time.Advance(TimeSpan.FromMinutes(6));

        var moved = await MovedAsync(business, conversation);
        moved.PreviousAssigneeUserId.ShouldBe(silent.UserId);
        moved.AssigneeUserId.ShouldBe(other.UserId);
        moved.AssignedBy.ShouldBe("routing");
        (await AssigneesAsync(business))[conversation].ShouldBe(other.UserId);
    }

    [Fact]
    public async Task An_assignee_who_replied_keeps_the_conversation()
    {
        var (business, first, second) = await TeamOfTwoAsync();
        await GoAsync(first, "live");
        var answered = await business.OpenConversationAsync();
        var unanswered = await business.OpenConversationAsync();
        await GoAsync(second, "live");
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { reassign_after_minutes = 5 }).ShouldAnswer(HttpStatusCode.OK);
        await app.As(first.Token).PostAsJsonAsync($"/api/v1/conversations/{answered}/reply", new { message = "On it" })
            .ShouldAnswer(HttpStatusCode.OK);

        app.Time.Advance(TimeSpan.FromMinutes(6));

        // The unanswered one moving shows the sweep has run over this workspace; the answered one stays.
        (await MovedAsync(business, unanswered)).AssigneeUserId.ShouldBe(second.UserId);
        var assignees = await AssigneesAsync(business);
        assignees[answered].ShouldBe(first.UserId);
        app.Events.Of<ConversationAssigned>(business.Id).Count(e => e.ConversationId == answered).ShouldBe(1);
    }
}

public sealed class ReassignmentSweepTestsOnSqlite(ClockedSqliteApp app)
    : ReassignmentSweepTests<ClockedSqliteApp>(app), IClassFixture<ClockedSqliteApp>;

public sealed class ReassignmentSweepTestsOnPostgres(ClockedPostgresApp app)
    : ReassignmentSweepTests<ClockedPostgresApp>(app), IClassFixture<ClockedPostgresApp>;
