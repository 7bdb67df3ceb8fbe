using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;

namespace Switchboard.Tests.Scim;

/// <summary>
/// Who may provision, and what provisioning may do to accounts: tokens are the owner's, stored hashed, revoked at once;
/// a token reaches only its workspace; an account is never taken over (only the mailbox proves an address).
/// </summary>
public abstract class ScimAccessTests(SwitchboardApp app)
{
    [Fact]
    public async Task Only_the_owner_manages_tokens_the_secret_is_shown_once_stored_hashed_and_revoking_ends_it_at_once()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var (admin, _) = await business.AddMemberAsync("admin");
        var idp = await business.ProvisionerAsync();
        idp.Token.ShouldStartWith("scim_");
        await idp.GetAsync("/Users");

        var listed = await business.Client.GetAsync("/api/v1/team/scim/tokens").ShouldAnswer(HttpStatusCode.OK);
        listed.ToJsonString().ShouldNotContain(idp.Token);
        listed[0]!["name"]!.GetValue<string>().ShouldBe("Entra");
        listed[0]!["last_used_at"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        var stored = await app.WithDbAsync(db => db.ScimTokens.AsNoTracking().SingleAsync(t => t.Id == idp.TokenId));
        stored.SecretHash.ShouldNotContain(idp.Token[5..]);
        stored.SecretHash.Length.ShouldBe(64);
        (await app.As(admin.Token, business.Id).PostAsJsonAsync("/api/v1/team/scim/tokens", new { }).ShouldAnswer(HttpStatusCode.Forbidden))
            .Detail().ShouldContain("owner");
        await app.As(admin.Token, business.Id).GetAsync("/api/v1/team/scim/tokens").ShouldAnswer(HttpStatusCode.Forbidden);
        await app.As(admin.Token, business.Id).DeleteAsync($"/api/v1/team/scim/tokens/{idp.TokenId}").ShouldAnswer(HttpStatusCode.Forbidden);

        await business.Client.DeleteAsync($"/api/v1/team/scim/tokens/{idp.TokenId}").ShouldAnswer(HttpStatusCode.OK);

        (await idp.GetAsync("/Users", HttpStatusCode.Unauthorized)).ScimDetail().ShouldContain("token");
        (await business.Client.GetAsync("/api/v1/team/scim/tokens").ShouldAnswer(HttpStatusCode.OK))[0]!["revoked_at"]!
            .GetValue<string>().ShouldNotBeNullOrEmpty();
        await business.Client.DeleteAsync($"/api/v1/team/scim/tokens/{Guid.NewGuid()}").ShouldAnswer(HttpStatusCode.NotFound);
        var anonymous = await app.Anonymous().GetAsync("/scim/v2/Users");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.ReadJsonAsync())["status"]!.GetValue<string>().ShouldBe("401");
    }

    [Fact]
    public async Task A_token_reaches_only_its_own_workspace()
    {
        var ours = await app.CreateBusinessAsync(plan: "mini");
        var theirs = await app.CreateBusinessAsync(plan: "mini");
        var ourIdp = await ours.ProvisionerAsync();
        var theirIdp = await theirs.ProvisionerAsync();
        var theirUser = await theirIdp.CreateUserAsync();
        var theirGroup = await theirIdp.PostAsync("/Groups", new { displayName = "Theirs" });

        await ourIdp.GetAsync($"/Users/{theirUser.Id()}", HttpStatusCode.NotFound);
        await ourIdp.PatchAsync($"/Users/{theirUser.Id()}", Provisioner.Patch(new { op = "replace", path = "active", value = false }), HttpStatusCode.NotFound);
        (await ourIdp.SendAsync(HttpMethod.Delete, $"/Users/{theirUser.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await ourIdp.GetAsync($"/Groups/{theirGroup.Id()}", HttpStatusCode.NotFound);
        (await ourIdp.GetAsync("/Users"))["totalResults"]!.GetValue<int>().ShouldBe(0);
        // Their user cannot be put into our group either.
        (await ourIdp.PostAsync("/Groups", new { displayName = "Ours", members = new[] { new { value = theirUser.Id() } } }, HttpStatusCode.BadRequest))
            ["scimType"]!.GetValue<string>().ShouldBe("invalidValue");
        (await theirIdp.GetAsync($"/Users/{theirUser.Id()}"))["active"]!.GetValue<bool>().ShouldBeTrue();
        // Another workspace's token id looks like no token.
        await ours.Client.DeleteAsync($"/api/v1/team/scim/tokens/{theirIdp.TokenId}").ShouldAnswer(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_new_address_gets_an_account_without_a_password_that_only_its_mailbox_can_claim()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var idp = await business.ProvisionerAsync();
        var email = Api.NewEmail("fresh");
        await idp.CreateUserAsync(email);

        var account = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        account.EmailVerifiedAt.ShouldBeNull();
        // No password the provider (or anyone) set: nothing signs in until the mailbox's owner resets it.
        foreach (var guess in new[] { "", "password", email })
            (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email, password = guess })).IsSuccessStatusCode.ShouldBeFalse();
        (await app.WithDbAsync(db => db.ApiTokens.CountAsync(t => t.UserId == account.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task A_confirmed_account_is_linked_without_touching_its_password_sessions_or_name()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var idp = await business.ProvisionerAsync();
        var existing = await app.RegisterAsync(name: "Kim Original", password: "correct-horse");
        var before = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == existing.UserId));

        var linked = await idp.PostAsync("/Users", new { userName = existing.Email, displayName = "Someone Else", name = new { givenName = "Mallory" } });

        var after = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == existing.UserId));
        after.PasswordHash.ShouldBe(before.PasswordHash);
        after.Name.ShouldBe("Kim Original");
        after.Email.ShouldBe(before.Email);
        await app.As(existing.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);
        (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = existing.Email, password = "correct-horse" })).IsSuccessStatusCode.ShouldBeTrue();
        await app.As(existing.Token, business.Id).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);

        // Deleting the SCIM user removes the membership, never the account or its sessions.
        (await idp.SendAsync(HttpMethod.Delete, $"/Users/{linked.Id()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await app.As(existing.Token).GetAsync("/api/v1/auth/me").ShouldAnswer(HttpStatusCode.OK);
        await app.As(existing.Token, business.Id).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unconfirmed_account_perhaps_a_squatters_is_refused_and_nothing_is_created()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var idp = await business.ProvisionerAsync();
        var squatter = await app.RegisterAsync(confirm: false);

        var refused = await idp.CreateUserAsync(squatter.Email, status: HttpStatusCode.Conflict);

        refused.ScimDetail().ShouldContain("has not confirmed it");
        refused["scimType"]!.GetValue<string>().ShouldBe("uniqueness");
        (await idp.GetAsync("/Users"))["totalResults"]!.GetValue<int>().ShouldBe(0);
        await app.As(squatter.Token, business.Id).GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_owner_cannot_be_deactivated_or_removed_by_provisioning()
    {
        var business = await app.CreateBusinessAsync(plan: "mini");
        var idp = await business.ProvisionerAsync();
        var owner = await idp.PostAsync("/Users", new { userName = business.Owner.Email });

        (await idp.PatchAsync($"/Users/{owner.Id()}", Provisioner.Patch(new { op = "replace", path = "active", value = false }), HttpStatusCode.BadRequest))
            ["scimType"]!.GetValue<string>().ShouldBe("mutability");
        (await idp.SendAsync(HttpMethod.Delete, $"/Users/{owner.Id()}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await business.Client.GetAsync("/api/v1/team/members").ShouldAnswer(HttpStatusCode.OK);
    }
}

public sealed class ScimAccessTestsOnSqlite(SqliteApp app) : ScimAccessTests(app), IClassFixture<SqliteApp>;

public sealed class ScimAccessTestsOnPostgres(PostgresApp app) : ScimAccessTests(app), IClassFixture<PostgresApp>;
