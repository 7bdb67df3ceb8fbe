using System.Net;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Invites;

/// <summary>GET /app/invites, against the seed's List Invites example.</summary>
public abstract class ListInvitesTests(SwitchboardApp app)
{
    [Fact]
    public async Task Lists_the_pending_invites_in_the_seed_shape()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var newUser = Api.NewEmail("newuser");
        var contractor = Api.NewEmail("contractor");
        await business.InviteAsync(newUser, "full");
        await business.InviteAsync(contractor, "lite");

        var body = await business.Pipeback().GetAsync("/app/invites").ShouldAnswer(HttpStatusCode.OK);

        body.Keys().ShouldBe(["data"]);
        var invites = body["data"]!.AsArray();
        invites.Select(i => i!.Text("email")).ShouldBe([newUser, contractor], ignoreOrder: true);
        foreach (var invite in invites)
        {
            invite!.Keys().ShouldBe(InviteSteps.ManagedInviteKeys, ignoreOrder: true);
            invite.Text("workspace_id").ShouldBe(business.Id.ToString());
            invite!["workspace"]!.Keys().ShouldBe(["id", "name", "handle"], ignoreOrder: true);
            invite["workspace"]!.Text("id").ShouldBe(business.Id.ToString());
            invite["workspace"]!.Text("name").ShouldBe("Acme Support");
            invite.Text("created_at").ShouldBeInviteTimestamp();
            invite.Text("updated_at").ShouldBeInviteTimestamp();
        }
        invites.Single(i => i!.Text("email") == contractor)!.Text("seat").ShouldBe("lite");
        invites.Single(i => i!.Text("email") == newUser)!.Text("seat").ShouldBe("full");
    }

    [Fact]
    public async Task Expired_invites_and_other_workspaces_invites_are_not_listed()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var other = await app.CreateBusinessAsync(plan: "mini");
        var expired = await business.InviteAsync(Api.NewEmail("late"));
        await app.ExpireAsync(expired.Id());
        await other.InviteAsync(Api.NewEmail("elsewhere"));
        var pending = await business.InviteAsync(Api.NewEmail("pending"));

        var body = await business.Pipeback().GetAsync("/app/invites").ShouldAnswer(HttpStatusCode.OK);

        body["data"]!.AsArray().Select(i => i!.Id()).ShouldBe([pending.Id()]);
    }

    [Fact]
    public async Task Without_a_token_it_is_Laravels_401_and_without_the_workspace_header_it_is_refused()
    {
        var unauthenticated = await app.Anonymous().GetAsync("/app/invites").ShouldAnswer(HttpStatusCode.Unauthorized);
        unauthenticated.ToJsonString().ShouldBe("""{"message":"Unauthenticated.","code":"unauthenticated"}""");
        (await app.As("1|" + new string('x', 40)).GetAsync("/app/invites").ShouldAnswer(HttpStatusCode.Unauthorized))
            .ToJsonString().ShouldBe("""{"message":"Unauthenticated.","code":"unauthenticated"}""");

        var business = await app.CreateBusinessAsync();
        var noHeader = await app.As(business.Owner.Token).GetAsync("/app/invites").ShouldAnswer(HttpStatusCode.BadRequest);
        noHeader.Text("message").ShouldContain("x-workspace-id");
        var stranger = await app.RegisterAsync();
        (await app.As(stranger.Token, business.Id).GetAsync("/app/invites").ShouldAnswer(HttpStatusCode.NotFound))
            .Keys().ShouldBe(["message", "code"]);
    }
}

public sealed class ListInvitesTestsOnSqlite(PickupSqliteApp app) : ListInvitesTests(app), IClassFixture<PickupSqliteApp>;

public sealed class ListInvitesTestsOnPostgres(PickupPostgresApp app) : ListInvitesTests(app), IClassFixture<PickupPostgresApp>;
