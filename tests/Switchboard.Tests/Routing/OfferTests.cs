using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Switchboard.Domain;
using Switchboard.Tests.AccountLifecycle;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Realtime;

namespace Switchboard.Tests.Routing;

/// <summary>
/// Offer routing over real HTTP and Socket.IO on the fake clock: only the chosen agent hears conversation_offered,
/// accept and decline are the offered agent's alone, a decline or a lapse (the clock moved past expires_at) offers
/// the next agent, lapses in a row set an agent away, an open offer takes a slot, and accepts racing each other and
/// the lapse leave one holder.
/// </summary>
public abstract class OfferTests<TApp>(TApp app) where TApp : SwitchboardApp, IRealtimeTestApp
{
    private async Task<(Business Business, List<(Account Account, Guid MemberId)> Agents)> FloorAsync(int agents, int capacity = 5,
        int timeout = 30, int lapses = 3)
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        await business.Client.PatchAsJsonAsync("/api/v1/team/status", new { status = "offline" }).ShouldAnswer(HttpStatusCode.OK);
        var list = new List<(Account, Guid)>();
        for (var i = 0; i < agents; i++) list.Add(await business.AddMemberAsync());
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new
        {
            mode = "offer", default_capacity = capacity, offer_timeout_seconds = timeout, offer_lapses_before_away = lapses,
        }).ShouldAnswer(HttpStatusCode.OK);
        foreach (var (agent, _) in list)
            await app.As(agent.Token).PatchAsJsonAsync("/api/v1/team/status", new { status = "live" }).ShouldAnswer(HttpStatusCode.OK);
        return (business, list);
    }

    private static async Task<Guid> OpenAsync(Business business) =>
        Guid.Parse((await business.Client.PostAsJsonAsync("/api/v1/conversations/", new { business_id = business.Id })
            .ShouldAnswer(HttpStatusCode.Created))["id"]!.GetValue<string>());

    private static async Task<JsonNode> ReadAsync(Business business, Guid conversation) =>
        await business.Client.GetAsync($"/api/v1/conversations/{conversation}").ShouldAnswer(HttpStatusCode.OK);

    private static Guid? OfferedTo(JsonNode conversation) =>
        conversation["offered_agent_id"] is { } a ? Guid.Parse(a.GetValue<string>()) : null;

    private static Guid? AssigneeOf(JsonNode conversation) =>
        conversation["assigned_agent_id"] is { } a ? Guid.Parse(a.GetValue<string>()) : null;

    private Task<HttpResponseMessage> AnswerAsync(Account agent, Guid conversation, string answer) =>
        app.As(agent.Token).PostAsync($"/api/v1/conversations/{conversation}/{answer}", null);

    /// <summary>Equal loads and join times leave the first offer to routing's last tie-break: read who got it.</summary>
    private static (Account Offered, Account Other) Split(List<(Account Account, Guid MemberId)> agents, Guid? offeredTo) =>
        agents[0].Account.UserId == offeredTo ? (agents[0].Account, agents[1].Account) : (agents[1].Account, agents[0].Account);

    private async Task UntilOfferedToAsync(Business business, Guid conversation, Guid userId, string what) =>
        await Polling.UntilAsync(async () => OfferedTo(await ReadAsync(business, conversation)) == userId, what);

    [Fact]
    public async Task Only_the_chosen_agent_hears_the_offer_and_only_they_may_accept_it()
    {
        var (business, agents) = await FloorAsync(2);
        using var socket0 = await RawSocket.ConnectAsync(app, agents[0].Account.Token, business.Id);
        using var socket1 = await RawSocket.ConnectAsync(app, agents[1].Account.Token, business.Id);

        var conversation = await OpenAsync(business);
        var offered = await ReadAsync(business, conversation);
        var (first, second) = Split(agents, OfferedTo(offered));
        var (firstSocket, secondSocket) = first == agents[0].Account ? (socket0, socket1) : (socket1, socket0);
        OfferedTo(offered).ShouldBe(first.UserId);
        AssigneeOf(offered).ShouldBeNull();
        var expiresAt = DateTime.Parse(offered["offer_expires_at"]!.GetValue<string>()).ToUniversalTime();
        expiresAt.ShouldBe(app.Time.GetUtcNow().UtcDateTime.AddSeconds(30), TimeSpan.FromSeconds(1));
        var heard = await HeardAsync(firstSocket, "conversation_offered");
        heard.ShouldContain(conversation.ToString());
        heard.ShouldContain("\"expires_at\":");

        // The other agent heard no offer: a frame sent to everyone after it shows nothing came before.
        await business.Client.PatchAsJsonAsync("/api/v1/team/status", new { status = "away" }).ShouldAnswer(HttpStatusCode.OK);
        (await HeardUntilAsync(secondSocket, "agent_status_changed")).ShouldNotContain(f => f.Contains("conversation_offered", StringComparison.Ordinal));

        // Someone else may neither accept nor decline it; the owner neither.
        var refused = await AnswerAsync(second, conversation, "accept").ShouldAnswer(HttpStatusCode.Forbidden);
        refused["detail"]!.GetValue<string>().ShouldContain("offered to another agent");
        await AnswerAsync(second, conversation, "decline").ShouldAnswer(HttpStatusCode.Forbidden);
        await business.Client.PostAsync($"/api/v1/conversations/{conversation}/accept", null).ShouldAnswer(HttpStatusCode.Forbidden);
        await AnswerAsync(first, Guid.NewGuid(), "accept").ShouldAnswer(HttpStatusCode.NotFound);
        await AnswerAsync(first, Guid.Empty, "accept").ShouldAnswer(HttpStatusCode.NotFound);
        (await app.As(first.Token).PostAsync("/api/v1/conversations/not-an-id/accept", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var accepted = await AnswerAsync(first, conversation, "accept").ShouldAnswer(HttpStatusCode.OK);
        AssigneeOf(accepted).ShouldBe(first.UserId);
        accepted["offered_agent_id"].ShouldBeNull();
        (await HeardAsync(firstSocket, "conversation_assigned")).ShouldContain("\"assigned_by\":\"offer\"");
        (await AnswerAsync(first, conversation, "accept").ShouldAnswer(HttpStatusCode.Conflict))["detail"]!.GetValue<string>()
            .ShouldContain("already hold");
        (await AnswerAsync(second, conversation, "accept").ShouldAnswer(HttpStatusCode.Conflict))["detail"]!.GetValue<string>()
            .ShouldContain("already assigned to another agent");

        // A conversation nobody was offered (routing by hand) cannot be accepted.
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { mode = "manual" }).ShouldAnswer(HttpStatusCode.OK);
        var manual = await OpenAsync(business);
        (await AnswerAsync(second, manual, "accept").ShouldAnswer(HttpStatusCode.Conflict))["detail"]!.GetValue<string>()
            .ShouldContain("not offered");
    }

    [Fact]
    public async Task An_open_offer_takes_a_slot_so_the_next_conversation_goes_to_someone_else_and_a_full_floor_waits()
    {
        var (business, agents) = await FloorAsync(2, capacity: 1);
        var one = await OpenAsync(business);
        var (first, second) = Split(agents, OfferedTo(await ReadAsync(business, one)));
        var two = await OpenAsync(business);
        var three = await OpenAsync(business);
        OfferedTo(await ReadAsync(business, one)).ShouldBe(first.UserId);
        OfferedTo(await ReadAsync(business, two)).ShouldBe(second.UserId);
        OfferedTo(await ReadAsync(business, three)).ShouldBeNull();
        var routing = await business.Client.GetAsync("/api/v1/team/routing").ShouldAnswer(HttpStatusCode.OK);
        routing["agents"]!.AsArray().Where(a => a!["user_id"]!.GetValue<string>() != business.Owner.UserId.ToString())
            .Select(a => a!["load"]!.GetValue<int>()).ShouldBe([1, 1]);

        // Accepting keeps the slot; resolving frees it and the waiting one is offered.
        await AnswerAsync(first, one, "accept").ShouldAnswer(HttpStatusCode.OK);
        OfferedTo(await ReadAsync(business, three)).ShouldBeNull();
        await app.As(first.Token).PutAsync($"/api/v1/conversations/{one}/resolve", null).ShouldAnswer(HttpStatusCode.OK);
        OfferedTo(await ReadAsync(business, three)).ShouldBe(first.UserId);
    }

    [Fact]
    public async Task A_decline_or_a_lapse_offers_the_next_agent_and_lapses_in_a_row_set_the_agent_away()
    {
        var (business, agents) = await FloorAsync(2, lapses: 2);
        var conversation = await OpenAsync(business);
        var (first, second) = Split(agents, OfferedTo(await ReadAsync(business, conversation)));
        using var secondSocket = await RawSocket.ConnectAsync(app, second.Token, business.Id);

        var declined = await AnswerAsync(first, conversation, "decline").ShouldAnswer(HttpStatusCode.OK);
        declined["assigned_agent_id"].ShouldBeNull();
        OfferedTo(await ReadAsync(business, conversation)).ShouldBe(second.UserId);
        (await AnswerAsync(first, conversation, "accept").ShouldAnswer(HttpStatusCode.Gone))["detail"]!.GetValue<string>()
            .ShouldContain("Your offer of this conversation has ended");

        // The second agent lets it lapse: everyone has passed, so a new round offers it to the first again.
        app.Time.Advance(TimeSpan.FromSeconds(31));
        (await HeardAsync(secondSocket, "conversation_offer_ended")).ShouldContain("\"reason\":\"expired\"");
        await UntilOfferedToAsync(business, conversation, first.UserId, "the lapsed offer to go to the first agent");
        (await AnswerAsync(second, conversation, "accept").ShouldAnswer(HttpStatusCode.Forbidden)).ShouldNotBeNull();

        // The first lets it lapse too (their decline reset their run); the second gets it and lets it lapse a
        // second time in a row: away, and the offer goes back to the first.
        app.Time.Advance(TimeSpan.FromSeconds(31));
        await UntilOfferedToAsync(business, conversation, second.UserId, "the offer to go to the second agent again");
        app.Time.Advance(TimeSpan.FromSeconds(31));
        (await HeardAsync(secondSocket, "agent_status_changed")).ShouldContain("\"status\":\"away\"");
        await UntilOfferedToAsync(business, conversation, first.UserId, "the offer to leave the agent set away");
        app.Events.Of<AgentStatusChanged>(business.Id).ShouldContain(e => e.UserId == second.UserId && e.Status == AgentStatus.Away);
        app.Events.Of<AgentStatusChanged>(business.Id).ShouldNotContain(e => e.UserId == first.UserId && e.Status == AgentStatus.Away);

        var accepted = await AnswerAsync(first, conversation, "accept").ShouldAnswer(HttpStatusCode.OK);
        AssigneeOf(accepted).ShouldBe(first.UserId);
    }

    [Fact]
    public async Task An_offer_that_expired_is_gone_for_its_agent()
    {
        var (business, agents) = await FloorAsync(2);
        var conversation = await OpenAsync(business);
        var (first, second) = Split(agents, OfferedTo(await ReadAsync(business, conversation)));
        app.Time.Advance(TimeSpan.FromSeconds(30));
        var gone = await AnswerAsync(first, conversation, "accept").ShouldAnswer(HttpStatusCode.Gone);
        gone["detail"]!.GetValue<string>().ShouldMatch("expired|ended");
        await UntilOfferedToAsync(business, conversation, second.UserId, "the expired offer to move on");
        (await AnswerAsync(first, conversation, "decline").ShouldAnswer(HttpStatusCode.Gone)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Parallel_accepts_and_the_lapse_leave_exactly_one_holder_within_capacity()
    {
        for (var round = 0; round < 3; round++)
        {
            var (business, agents) = await FloorAsync(2, capacity: 1);
            var conversation = await OpenAsync(business);
            var (first, second) = Split(agents, OfferedTo(await ReadAsync(business, conversation)));

            // Eight accepts by the offered agent, four by the other, and (in later rounds) the clock passing the
            // expiry, all at once.
            var answers = Enumerable.Range(0, 12).Select(i => AnswerAsync(i < 8 ? first : second, conversation, "accept")).ToList();
            if (round > 0) app.Time.Advance(TimeSpan.FromSeconds(30));
            var statuses = (await Task.WhenAll(answers)).Select(r => r.StatusCode).ToList();

            var final = await ReadAsync(business, conversation);
            var holder = AssigneeOf(final);
            // The offered agent's accept, or (once the lapse moved the offer) the other agent's: one at most wins.
            statuses.Count(s => s == HttpStatusCode.OK).ShouldBe(holder is null ? 0 : 1);
            statuses.ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.Conflict || s == HttpStatusCode.Forbidden
                || s == HttpStatusCode.Gone);
            // Never held and offered at once, and nobody over capacity.
            (holder is null || OfferedTo(final) is null).ShouldBeTrue();
            var routing = await business.Client.GetAsync("/api/v1/team/routing").ShouldAnswer(HttpStatusCode.OK);
            routing["agents"]!.AsArray().ShouldAllBe(a => a!["load"]!.GetValue<int>() <= a["capacity"]!.GetValue<int>());
            if (round == 0) holder.ShouldBe(first.UserId);
        }
    }

    [Fact]
    public async Task Offer_settings_are_validated_with_words_and_defaults_are_shown()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var routing = await business.Client.GetAsync("/api/v1/team/routing").ShouldAnswer(HttpStatusCode.OK);
        routing["offer_timeout_seconds"]!.GetValue<int>().ShouldBe(30);
        routing["offer_lapses_before_away"]!.GetValue<int>().ShouldBe(3);
        routing["after_hours_team_id"].ShouldBeNull();

        async Task RefusedAsync(object body, string field, string words)
        {
            var refused = await business.Client.PatchAsJsonAsync("/api/v1/team/routing", body).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
            refused["detail"]![0]!["loc"]![1]!.GetValue<string>().ShouldBe(field);
            refused["detail"]![0]!["msg"]!.GetValue<string>().ShouldContain(words);
        }
        await RefusedAsync(new { mode = "offer", offer_timeout_seconds = 4 }, "offer_timeout_seconds", "between 5 and 3600");
        await RefusedAsync(new { offer_timeout_seconds = 3601 }, "offer_timeout_seconds", "between 5 and 3600");
        await RefusedAsync(new { offer_timeout_seconds = "soon" }, "offer_timeout_seconds", "integer");
        await RefusedAsync(new { offer_lapses_before_away = 0 }, "offer_lapses_before_away", "between 1 and 100");
        await RefusedAsync(new { after_hours_team_id = Guid.NewGuid() }, "after_hours_team_id", "unknown team");
        await RefusedAsync(new { after_hours_team_id = "night" }, "after_hours_team_id", "");
        await RefusedAsync(new { mode = "offers" }, "mode", "");
        (await business.Client.GetAsync("/api/v1/team/routing").ShouldAnswer(HttpStatusCode.OK))["mode"]!.GetValue<string>().ShouldBe("manual");

        var changed = await business.Client.PatchAsJsonAsync("/api/v1/team/routing",
            new { mode = "offer", offer_timeout_seconds = 45, offer_lapses_before_away = 5 }).ShouldAnswer(HttpStatusCode.OK);
        changed["mode"]!.GetValue<string>().ShouldBe("offer");
        changed["offer_timeout_seconds"]!.GetValue<int>().ShouldBe(45);
        changed["offer_lapses_before_away"]!.GetValue<int>().ShouldBe(5);
        var (agent, _) = await business.AddMemberAsync();
        await app.As(agent.Token).PatchAsJsonAsync("/api/v1/team/routing", new { offer_timeout_seconds = 60 }).ShouldAnswer(HttpStatusCode.Forbidden);
    }

    private static async Task<string> HeardAsync(ClientWebSocket socket, string eventName) =>
        (await HeardUntilAsync(socket, eventName)).Last();

    /// <summary>Frames until one carries the event (pings answered); bounded only so a broken test cannot hang.</summary>
    private static async Task<List<string>> HeardUntilAsync(ClientWebSocket socket, string eventName)
    {
        var heard = new List<string>();
        while (true)
        {
            var frame = await RawSocket.ReceiveAsync(socket, TimeSpan.FromSeconds(15));
            heard.Add(frame);
            if (frame == "2") await socket.SendAsync("3"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
            if (frame.StartsWith($"42[\"{eventName}\"", StringComparison.Ordinal)) return heard;
        }
    }
}

public sealed class OfferTestsOnSqlite(RoutingSqliteApp app) : OfferTests<RoutingSqliteApp>(app), IClassFixture<RoutingSqliteApp>;

public sealed class OfferTestsOnPostgres(RoutingPostgresApp app) : OfferTests<RoutingPostgresApp>(app), IClassFixture<RoutingPostgresApp>;

/// <summary>Accepts of the same offers racing on two nodes of one database: one wins per conversation, capacity holds.</summary>
public sealed class OfferAcrossNodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task Accepts_racing_on_two_nodes_leave_one_holder_per_conversation_and_nobody_over_capacity()
    {
        var business = await nodes.First.CreateBusinessAsync(plan: "pro");
        await business.Client.PatchAsJsonAsync("/api/v1/team/status", new { status = "offline" }).ShouldAnswer(HttpStatusCode.OK);
        var agents = new List<Account>();
        for (var i = 0; i < 2; i++) agents.Add((await business.AddMemberAsync()).Account);
        await business.Client.PatchAsJsonAsync("/api/v1/team/routing", new { mode = "offer", default_capacity = 1, offer_timeout_seconds = 600 })
            .ShouldAnswer(HttpStatusCode.OK);
        foreach (var agent in agents)
            await nodes.Second.As(agent.Token).PatchAsJsonAsync("/api/v1/team/status", new { status = "live" }).ShouldAnswer(HttpStatusCode.OK);
        var conversations = new List<Guid>();
        for (var i = 0; i < 3; i++)
            conversations.Add(Guid.Parse((await business.Client.PostAsJsonAsync("/api/v1/conversations/", new { business_id = business.Id })
                .ShouldAnswer(HttpStatusCode.Created))["id"]!.GetValue<string>()));

        // Every agent accepts every conversation, four times on each node, all at once.
        var answers = (from conversation in conversations
                       from agent in agents
                       from i in Enumerable.Range(0, 8)
                       select (conversation, agent, task: (i % 2 == 0 ? nodes.First : nodes.Second).As(agent.Token)
                           .PostAsync($"/api/v1/conversations/{conversation}/accept", null))).ToList();
        await Task.WhenAll(answers.Select(a => a.task));

        var list = (await business.Client.GetAsync("/api/v1/conversations/").ShouldAnswer(HttpStatusCode.OK)).AsArray();
        foreach (var conversation in conversations)
        {
            var view = list.Single(c => c!["id"]!.GetValue<string>() == conversation.ToString())!;
            var wins = answers.Where(a => a.conversation == conversation && a.task.Result.StatusCode == HttpStatusCode.OK).ToList();
            if (view["assigned_agent_id"] is { } holder)
            {
                wins.Count.ShouldBe(1);
                wins[0].agent.UserId.ToString().ShouldBe(holder.GetValue<string>());
                view["offered_agent_id"].ShouldBeNull();
            }
            else wins.ShouldBeEmpty();
        }
        answers.ShouldAllBe(a => a.task.Result.StatusCode == HttpStatusCode.OK || a.task.Result.StatusCode == HttpStatusCode.Conflict
            || a.task.Result.StatusCode == HttpStatusCode.Forbidden);
        // Capacity 1 each: two conversations held, one per agent; the third waits (offered to nobody: everyone is full).
        var held = list.Where(c => c!["assigned_agent_id"] is not null).Select(c => c!["assigned_agent_id"]!.GetValue<string>()).ToList();
        held.Count.ShouldBe(2);
        held.Distinct().Count().ShouldBe(2);
        list.Count(c => c!["offered_agent_id"] is not null).ShouldBe(0);
        var assigned = nodes.First.Events.Of<ConversationAssigned>(business.Id).Concat(nodes.Second.Events.Of<ConversationAssigned>(business.Id)).ToList();
        assigned.Count.ShouldBe(2);
    }
}
