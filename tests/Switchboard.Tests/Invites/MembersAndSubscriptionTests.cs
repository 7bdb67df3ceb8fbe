using System.Net;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Invites;

/// <summary>GET/DELETE /app/members and GET /app/subscription: the seats invites fill and removals free.</summary>
public abstract class MembersAndSubscriptionTests(SwitchboardApp app)
{
    [Fact]
    public async Task The_subscription_shows_plan_seats_and_the_ledger()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("billed");
        await app.AcceptAsync((await business.InviteAsync(email, "lite")).Id(), email);

        var body = await business.Pipeback().GetAsync("/app/subscription").ShouldAnswer(HttpStatusCode.OK);

        body.Keys().ShouldBe(["data"]);
        var data = body["data"]!;
        data.Keys().ShouldBe(["plan", "seats", "ledger"], ignoreOrder: true);
        data.Text("plan").ShouldBe("mini");
        data["seats"]!.Keys().ShouldBe(["full", "lite"], ignoreOrder: true);
        data["seats"]!["full"]!.GetValue<int>().ShouldBe(1);
        data["seats"]!["lite"]!.GetValue<int>().ShouldBe(1);
        var ledger = data["ledger"]!.AsArray();
        ledger.Select(e => e!.Text("reason")).ShouldBe(["workspace_created", "invite_accepted"]);
        var last = ledger[^1]!;
        last.Keys().ShouldBe(["id", "seat", "change", "reason", "user_id", "full_seats_after", "lite_seats_after", "created_at"],
            ignoreOrder: true);
        last["lite_seats_after"]!.GetValue<int>().ShouldBe(1);
        last.Text("created_at").ShouldBeInviteTimestamp();
    }

    [Fact]
    public async Task Removing_a_member_on_either_face_frees_the_seat_in_the_ledger()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var viaPipeback = Api.NewEmail("pipeback");
        var viaPingBack = Api.NewEmail("pingback");
        await app.AcceptAsync((await business.InviteAsync(viaPipeback)).Id(), viaPipeback);
        await app.AcceptAsync((await business.InviteAsync(viaPingBack)).Id(), viaPingBack);
        var members = (await business.Pipeback().GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray();
        var first = members.Single(m => m!.Text("email") == viaPipeback)!.Id();
        var second = members.Single(m => m!.Text("email") == viaPingBack)!.Id();

        (await business.Pipeback().DeleteAsync($"/app/members/{first}").ShouldAnswer(HttpStatusCode.OK)).ToJsonString().ShouldBe("{}");
        await app.As(business.Owner.Token, business.Id).DeleteAsync($"/api/v1/team/members/{second}").ShouldAnswer(HttpStatusCode.OK);

        var data = (await business.Pipeback().GetAsync("/app/subscription").ShouldAnswer(HttpStatusCode.OK))["data"]!;
        data["seats"]!["full"]!.GetValue<int>().ShouldBe(1);
        var removals = data["ledger"]!.AsArray().Where(e => e!.Text("reason") == "member_removed").ToList();
        removals.Count.ShouldBe(2);
        removals.ShouldAllBe(e => e!["change"]!.GetValue<int>() == -1);
        removals[^1]!["full_seats_after"]!.GetValue<int>().ShouldBe(1);
        // The freed seats are usable again.
        await business.InviteAsync(Api.NewEmail());
        await business.InviteAsync(Api.NewEmail());
    }

    [Fact]
    public async Task Members_list_in_a_data_envelope()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var body = await business.Pipeback().GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK);
        var owner = body["data"]!.AsArray().ShouldHaveSingleItem()!;
        // two_factor_enabled: shown to owners and admins only (the workspace 2FA policy's compliance).
        owner.Keys().ShouldBe(["id", "user_id", "name", "email", "role", "seat", "status", "is_active", "created_at", "updated_at", "suspended_at",
            "two_factor_enabled"], ignoreOrder: true);
        owner.Text("role").ShouldBe("owner");
        owner.Text("created_at").ShouldBeInviteTimestamp();
    }

    [Fact]
    public async Task Removal_refuses_the_owner_strangers_and_agents()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, agentMember) = await business.AddMemberAsync();
        var ownerMember = (await business.Pipeback().GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK))["data"]!
            .AsArray().Single(m => m!.Text("role") == "owner")!.Id();

        await business.Pipeback().DeleteAsync($"/app/members/{ownerMember}").ShouldAnswer(HttpStatusCode.BadRequest);
        await business.Pipeback().DeleteAsync($"/app/members/{Guid.NewGuid()}").ShouldAnswer(HttpStatusCode.NotFound);
        await business.Pipeback().DeleteAsync("/app/members/nope").ShouldAnswer(HttpStatusCode.NotFound);
        await app.As(agent.Token, business.Id).DeleteAsync($"/app/members/{ownerMember}").ShouldAnswer(HttpStatusCode.Forbidden);
        await app.As(agent.Token, business.Id).GetAsync("/app/subscription").ShouldAnswer(HttpStatusCode.Forbidden);
        await business.Pipeback().DeleteAsync($"/app/members/{agentMember}").ShouldAnswer(HttpStatusCode.OK);
    }
}

public sealed class MembersAndSubscriptionTestsOnSqlite(PickupSqliteApp app) : MembersAndSubscriptionTests(app), IClassFixture<PickupSqliteApp>;

public sealed class MembersAndSubscriptionTestsOnPostgres(PickupPostgresApp app) : MembersAndSubscriptionTests(app), IClassFixture<PickupPostgresApp>;
