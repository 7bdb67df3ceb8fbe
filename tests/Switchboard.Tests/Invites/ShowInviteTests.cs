using System.Net;
using Microsoft.EntityFrameworkCore;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Invites;

/// <summary>GET /app/invites/{id}: the public page behind the link, against the seed's Retrieve example.</summary>
public abstract class ShowInviteTests(SwitchboardApp app, MailDrop mail)
{
    [Fact]
    public async Task Anyone_with_the_link_sees_the_invite_in_the_seed_shape_with_the_workspace_logo()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        await app.WithDbAsync(db => db.Workspaces.Where(w => w.Id == business.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Logo, "https://example.com/logo.png")));
        var email = Api.NewEmail("newuser");
        var created = await business.InviteAsync(email);
        var link = MailDrop.InviteId(await mail.WaitForAsync(email));

        var body = await app.Anonymous().GetAsync($"/app/invites/{link}").ShouldAnswer(HttpStatusCode.OK);

        body.Keys().ShouldBe(["data"]);
        var invite = body["data"]!;
        invite.Keys().ShouldBe(InviteSteps.InviteKeys, ignoreOrder: true);
        invite.Id().ShouldBe(created.Id());
        invite.Text("email").ShouldBe(email);
        invite.Text("seat").ShouldBe("full");
        invite["workspace"]!.Keys().ShouldBe(["id", "name", "handle", "logo"], ignoreOrder: true);
        invite["workspace"]!.Text("logo").ShouldBe("https://example.com/logo.png");
        invite["workspace"]!.Text("name").ShouldBe("Acme Support");
        invite.Text("created_at").ShouldBe(created.Text("created_at"));
        invite.Text("updated_at").ShouldBeInviteTimestamp();
    }

    [Fact]
    public async Task A_workspace_without_a_logo_shows_logo_null()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var invite = await business.InviteAsync(Api.NewEmail());
        var body = await app.Anonymous().GetAsync($"/app/invites/{invite.Id()}").ShouldAnswer(HttpStatusCode.OK);
        body["data"]!["workspace"]!.AsObject().ContainsKey("logo").ShouldBeTrue();
        body["data"]!["workspace"]!["logo"].ShouldBeNull();
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("9d5f3d04-6f03-8h5e-2e7i-5f6g7h8i9j0a")]
    [InlineData("not-a-uuid")]
    public async Task An_unknown_or_malformed_id_is_404(string id)
    {
        var body = await app.Anonymous().GetAsync($"/app/invites/{id}").ShouldAnswer(HttpStatusCode.NotFound);
        body.ToJsonString().ShouldBe("""{"message":"Invite not found.","code":"invite_not_found"}""");
    }

    [Fact]
    public async Task An_expired_invite_is_404()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var invite = await business.InviteAsync(Api.NewEmail());
        await app.ExpireAsync(invite.Id());
        await app.Anonymous().GetAsync($"/app/invites/{invite.Id()}").ShouldAnswer(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Revoking_after_the_mail_went_out_makes_the_link_404()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("revoked");
        var invite = await business.InviteAsync(email);
        var link = MailDrop.InviteId(await mail.WaitForAsync(email));

        (await business.Pipeback().DeleteAsync($"/app/invites/{invite.Id()}").ShouldAnswer(HttpStatusCode.OK))
            .ToJsonString().ShouldBe("{}");

        await app.Anonymous().GetAsync($"/app/invites/{link}").ShouldAnswer(HttpStatusCode.NotFound);
        await app.Anonymous().PostAsync($"/app/invites/{link}",
            System.Net.Http.Json.JsonContent.Create(InviteSteps.Acceptance(email))).ShouldAnswer(HttpStatusCode.NotFound);
    }
}

public sealed class ShowInviteTestsOnSqlite(PickupSqliteApp app) : ShowInviteTests(app, app.Mail), IClassFixture<PickupSqliteApp>;

public sealed class ShowInviteTestsOnPostgres(PickupPostgresApp app) : ShowInviteTests(app, app.Mail), IClassFixture<PickupPostgresApp>;
