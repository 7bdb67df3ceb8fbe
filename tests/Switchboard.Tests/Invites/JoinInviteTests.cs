using System.Net;
using Switchboard.Domain;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Invites;

/// <summary>POST /app/invites/{id}/join: a signed-in user with the invited address joins without a new password.</summary>
public abstract class JoinInviteTests(SwitchboardApp app, MailDrop mail)
{
    [Fact]
    public async Task The_invited_user_joins_with_the_invites_seat_and_the_invite_is_used_up()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("joiner");
        var invite = await business.InviteAsync(email, "lite");
        var account = await app.RegisterAsync(email, name: "Jo Iner");

        var body = await app.As(account.Token).PostAsync($"/app/invites/{invite.Id()}/join", null).ShouldAnswer(HttpStatusCode.OK);

        var joined = body["data"]!;
        joined.Text("workspace_id").ShouldBe(business.Id.ToString());
        joined.Text("seat").ShouldBe("lite");
        joined.Text("role").ShouldBe("agent");
        joined["workspace"]!.Text("name").ShouldBe("Acme Support");
        await app.Anonymous().GetAsync($"/app/invites/{invite.Id()}").ShouldAnswer(HttpStatusCode.NotFound);
        app.Events.Of<MemberJoined>(business.Id).ShouldContain(e => e.UserId == account.UserId);
        app.Events.Of<InviteAccepted>(business.Id).ShouldContain(e => e.InviteId == invite.Id());
        await mail.WaitForAsync(email, kind: "welcome");
        (await app.As(account.Token, business.Id).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK))
            .AsArray().Select(m => m!.Text("email")).ShouldContain(email);
    }

    [Fact]
    public async Task Someone_else_is_403_and_nobody_is_401()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var invite = await business.InviteAsync(Api.NewEmail("intended"));
        var other = await app.RegisterAsync();

        (await app.As(other.Token).PostAsync($"/app/invites/{invite.Id()}/join", null).ShouldAnswer(HttpStatusCode.Forbidden))
            .Text("message").ShouldBe("This invitation was sent to a different email address.");
        (await app.Anonymous().PostAsync($"/app/invites/{invite.Id()}/join", null).ShouldAnswer(HttpStatusCode.Unauthorized))
            .ToJsonString().ShouldBe("""{"message":"Unauthenticated.","code":"unauthenticated"}""");
        await app.Anonymous().GetAsync($"/app/invites/{invite.Id()}").ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_expired_or_unknown_invite_is_404()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("tardy");
        var invite = await business.InviteAsync(email);
        var account = await app.RegisterAsync(email);
        await app.ExpireAsync(invite.Id());

        await app.As(account.Token).PostAsync($"/app/invites/{invite.Id()}/join", null).ShouldAnswer(HttpStatusCode.NotFound);
        await app.As(account.Token).PostAsync($"/app/invites/{Guid.NewGuid()}/join", null).ShouldAnswer(HttpStatusCode.NotFound);
    }
}

public sealed class JoinInviteTestsOnSqlite(PickupSqliteApp app) : JoinInviteTests(app, app.Mail), IClassFixture<PickupSqliteApp>;

public sealed class JoinInviteTestsOnPostgres(PickupPostgresApp app) : JoinInviteTests(app, app.Mail), IClassFixture<PickupPostgresApp>;
