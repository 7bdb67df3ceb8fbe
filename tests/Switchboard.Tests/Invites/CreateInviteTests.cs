using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchboard.Domain;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Invites;

/// <summary>POST /app/invites, against the seed's Create an Invite examples.</summary>
public abstract class CreateInviteTests(SwitchboardApp app, MailDrop mail)
{
    [Fact]
    public async Task A_new_email_gets_an_invite_in_the_seed_shape_and_its_mail_with_the_link_and_expiry()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("teammate");

        var body = await business.Pipeback().PostAsJsonAsync("/app/invites", new { email, seat = "full" })
            .ShouldAnswer(HttpStatusCode.Created);

        body.Keys().ShouldBe(["data"]);
        var invite = body["data"]!;
        invite.Keys().ShouldBe(InviteSteps.InviteKeys, ignoreOrder: true);
        invite.Text("email").ShouldBe(email);
        invite.Text("seat").ShouldBe("full");
        invite.Text("workspace_id").ShouldBe(business.Id.ToString());
        invite["workspace"]!.Keys().ShouldBe(["id", "name", "handle"], ignoreOrder: true);
        invite["workspace"]!.Text("handle").ShouldStartWith("acme-support");
        invite.Text("created_at").ShouldBeInviteTimestamp();
        invite.Text("updated_at").ShouldBe(invite.Text("created_at"));

        var row = await app.WithDbAsync(db => db.Invites.AsNoTracking().SingleAsync(i => i.Id == invite.Id()));
        (row.ExpiresAt - row.CreatedAt).ShouldBe(TimeSpan.FromDays(7));
        var sent = await mail.WaitForAsync(email);
        MailDrop.InviteId(sent).ShouldBe(invite.Id());
        sent.Subject.ShouldBe("Olivia Owner invited you to join Acme Support on Switchboard");
        (sent.TextBody ?? "").ShouldContain(row.ExpiresAt.ToString("d MMMM yyyy, HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_existing_user_is_added_at_once_with_the_seed_message_a_mail_and_member_joined()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var user = await app.RegisterAsync(name: "Existing User");

        var body = await business.Pipeback().PostAsJsonAsync("/app/invites", new { email = user.Email.ToUpperInvariant(), seat = "lite" })
            .ShouldAnswer(HttpStatusCode.OK);

        body.ToJsonString().ShouldBe("""{"message":"User already has an account and was added to the workspace automatically."}""");
        var members = await business.Pipeback().GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK);
        var member = members["data"]!.AsArray().Single(m => m!.Text("email") == user.Email)!;
        member.Text("role").ShouldBe("agent");
        member.Text("seat").ShouldBe("lite");
        app.Events.Of<MemberJoined>(business.Id).ShouldContain(e => e.UserId == user.UserId && e.Seat == Seat.Lite);
        (await mail.WaitForAsync(user.Email, kind: "added_to_workspace")).Subject
            .ShouldBe("Olivia Owner added you to Acme Support on Switchboard");
        (await business.Pipeback().GetAsync("/app/invites").ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_optional_role_makes_an_admin_and_defaults_to_agent()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var admin = await app.RegisterAsync();
        var agent = await app.RegisterAsync();
        await business.Pipeback().PostAsJsonAsync("/app/invites", new { email = admin.Email, seat = "full", role = "admin" })
            .ShouldAnswer(HttpStatusCode.OK);
        await business.Pipeback().PostAsJsonAsync("/app/invites", new { email = agent.Email, seat = "full" })
            .ShouldAnswer(HttpStatusCode.OK);
        var invitedAdmin = Api.NewEmail("admin");
        var invite = await business.InviteAsync(invitedAdmin, role: "admin");
        await app.AcceptAsync(invite.Id(), invitedAdmin);

        var roles = (await business.Pipeback().GetAsync("/app/members").ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray()
            .ToDictionary(m => m!.Text("email"), m => m!.Text("role"));
        roles[admin.Email].ShouldBe("admin");
        roles[agent.Email].ShouldBe("agent");
        roles[invitedAdmin].ShouldBe("admin");
    }

    [Theory]
    [InlineData("""{"seat":"full"}""", "email", "The email field is required.")]
    [InlineData("""{"email":"","seat":"full"}""", "email", "The email field is required.")]
    [InlineData("""{"email":"not-an-email","seat":"full"}""", "email", "The email field must be a valid email address.")]
    [InlineData("""{"email":"a@b","seat":"full"}""", "email", "The email field must be a valid email address.")]
    [InlineData("""{"email":"x@example.com\r\nBcc: evil@example.com","seat":"full"}""", "email", "The email field must be a valid email address.")]
    [InlineData("""{"email":42,"seat":"full"}""", "email", "The email field must be a string.")]
    [InlineData("""{"email":"ok@example.com"}""", "seat", "The seat field is required.")]
    [InlineData("""{"email":"ok@example.com","seat":"Full"}""", "seat", "The selected seat is invalid.")]
    [InlineData("""{"email":"ok@example.com","seat":"admin"}""", "seat", "The selected seat is invalid.")]
    [InlineData("""{"email":"ok@example.com","seat":"full","role":"owner"}""", "role", "The selected role is invalid.")]
    [InlineData("""{"email":"ok@example.com","seat":"full","role":"superuser"}""", "role", "The selected role is invalid.")]
    [InlineData("""not json""", "body", null)]
    [InlineData("""[1,2]""", "body", null)]
    public async Task Invalid_input_is_a_Laravel_422_on_the_field(string json, string field, string? message)
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var body = await business.Pipeback().PostAsync("/app/invites", new StringContent(json, Encoding.UTF8, "application/json"))
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        body.ShouldBeValidationError(field, message);
        (await business.Pipeback().GetAsync("/app/invites").ShouldAnswer(HttpStatusCode.OK))["data"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_error_is_listed_at_once()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var body = await business.Pipeback().PostAsJsonAsync("/app/invites", new { email = "nope", seat = "half" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        body["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["email", "seat"], ignoreOrder: true);
        body.Text("message").ShouldBe("The email field must be a valid email address. (and 1 more error)");
    }

    [Fact]
    public async Task A_second_pending_invite_for_the_same_email_is_422_on_email_whatever_its_case()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("twice");
        await business.InviteAsync(email);

        var body = await business.Pipeback().PostAsJsonAsync("/app/invites", new { email = email.ToUpperInvariant(), seat = "lite" })
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        body.ShouldBeValidationError("email", "An invite has already been sent to this email address.");
    }

    [Fact]
    public async Task An_expired_invite_does_not_block_a_new_one()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var email = Api.NewEmail("again");
        var old = await business.InviteAsync(email);
        await app.ExpireAsync(old.Id());

        var fresh = await business.InviteAsync(email);
        fresh.Id().ShouldNotBe(old.Id());
    }

    [Fact]
    public async Task An_existing_member_is_422_on_email()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (agent, _) = await business.AddMemberAsync();

        foreach (var email in new[] { agent.Email, business.Owner.Email })
        {
            var body = await business.Pipeback().PostAsJsonAsync("/app/invites", new { email, seat = "full" })
                .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
            body.ShouldBeValidationError("email", "This user is already a member of the workspace.");
        }
    }

    [Fact]
    public async Task Pending_full_seat_invites_count_against_the_plan_and_the_next_is_402_with_no_mail()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        await business.InviteAsync(Api.NewEmail("one"));
        await business.InviteAsync(Api.NewEmail("two"));
        var third = Api.NewEmail("three");

        var refused = await business.Pipeback().PostAsJsonAsync("/app/invites", new { email = third, seat = "full" })
            .ShouldAnswer(HttpStatusCode.PaymentRequired);
        refused.Keys().ShouldBe(["message", "code"]);
        refused.Text("message").ShouldContain("Upgrade");
        refused.Text("code").ShouldBe("plan_limit");
        var existing = await app.RegisterAsync();
        await business.Pipeback().PostAsJsonAsync("/app/invites", new { email = existing.Email, seat = "full" })
            .ShouldAnswer(HttpStatusCode.PaymentRequired);

        // Lite seats are billed but not limited by the plan.
        await business.InviteAsync(third, "lite");
        // Nothing but the confirmation mail of their own sign-up.
        (await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.To == existing.Email && m.Kind != "verify_email"))).ShouldBe(0);
    }

    [Fact]
    public async Task The_free_plan_takes_lite_invites_only()
    {
        var business = await app.CreateBusinessAsync();
        await business.Pipeback().PostAsJsonAsync("/app/invites", new { email = Api.NewEmail(), seat = "full" })
            .ShouldAnswer(HttpStatusCode.PaymentRequired);
        await business.InviteAsync(Api.NewEmail(), "lite");
    }

    [Fact]
    public async Task Agents_and_admins_may_not_invite_unless_admins_can_invite_and_then_only_agents()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var (agent, _) = await business.AddMemberAsync("agent");
        var (admin, _) = await business.AddMemberAsync("admin");

        foreach (var who in new[] { agent, admin })
            (await app.As(who.Token, business.Id).PostAsJsonAsync("/app/invites", new { email = Api.NewEmail(), seat = "full" })
                .ShouldAnswer(HttpStatusCode.Forbidden)).Keys().ShouldBe(["message", "code"]);

        await app.As(business.Owner.Token).PatchAsJsonAsync("/api/v1/team/settings", new { admins_can_invite = true })
            .ShouldAnswer(HttpStatusCode.OK);
        await app.As(admin.Token, business.Id).PostAsJsonAsync("/app/invites", new { email = Api.NewEmail(), seat = "full" })
            .ShouldAnswer(HttpStatusCode.Created);
        (await app.As(admin.Token, business.Id)
            .PostAsJsonAsync("/app/invites", new { email = Api.NewEmail(), seat = "full", role = "admin" })
            .ShouldAnswer(HttpStatusCode.Forbidden)).Text("message").ShouldBe("Admins can only invite agents.");
        await app.As(agent.Token, business.Id).PostAsJsonAsync("/app/invites", new { email = Api.NewEmail(), seat = "full" })
            .ShouldAnswer(HttpStatusCode.Forbidden);
    }
}

public sealed class CreateInviteTestsOnSqlite(PickupSqliteApp app) : CreateInviteTests(app, app.Mail), IClassFixture<PickupSqliteApp>;

public sealed class CreateInviteTestsOnPostgres(PickupPostgresApp app) : CreateInviteTests(app, app.Mail), IClassFixture<PickupPostgresApp>;
