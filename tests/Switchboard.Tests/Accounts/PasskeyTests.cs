using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Domain;
using Switchboard.Tests.Email;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Accounts;

/// <summary>
/// Passkey routes through the real HTTP path: the options name this relying party and keep their challenge for one
/// answer, bad input is a 4xx with words, removing needs the password, and another user's passkey is 404. A real
/// authenticator's ceremony (signature, counter) is covered in Chromium: tests/e2e/browser/passkeys.test.mjs.
/// </summary>
public abstract class PasskeyTests<TApp>(TApp app) where TApp : SwitchboardApp
{
    private static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    /// <summary>A PublicKeyCredential.toJSON() of the right shape whose bytes no authenticator made.</summary>
    private static object Forged(string challenge, string type, byte[]? rawId = null)
    {
        var clientData = Encoding.UTF8.GetBytes($$"""{"type":"{{type}}","challenge":"{{challenge}}","origin":"http://localhost:5080"}""");
        var id = B64(rawId ?? [1, 2, 3, 4, 5, 6, 7, 8]);
        return type == "webauthn.create"
            ? new { id, rawId = id, type = "public-key", response = new { attestationObject = B64([0xa0]), clientDataJSON = B64(clientData) }, clientExtensionResults = new { } }
            : new { id, rawId = id, type = "public-key", response = new { authenticatorData = B64(new byte[37]), signature = B64([0x30, 0x00]), clientDataJSON = B64(clientData) }, clientExtensionResults = new { } };
    }

    private Task AddStoredPasskeyAsync(Guid userId, byte[] credentialId, string name = "Laptop") => app.WithDbAsync(async db =>
    {
        db.PasskeyCredentials.Add(new PasskeyCredential { UserId = userId, CredentialId = credentialId, PublicKey = [1, 2, 3], Name = name, CreatedAt = app.Now });
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Registration_options_are_for_this_relying_party_and_ask_for_a_verified_discoverable_passkey()
    {
        var account = await app.RegisterAsync();
        await app.Anonymous().PostAsync("/api/v1/auth/passkeys/options", null).ShouldAnswer(HttpStatusCode.Unauthorized);

        var options = await app.As(account.Token).PostAsync("/api/v1/auth/passkeys/options", null).ShouldAnswer(HttpStatusCode.OK);
        options["rp"]!.Text("id").ShouldBe("localhost");
        options["user"]!.Text("id").ShouldBe(B64(account.UserId.ToByteArray()));
        options["user"]!.Text("name").ShouldBe(account.Email);
        options["authenticatorSelection"]!.Text("residentKey").ShouldBe("required");
        options["authenticatorSelection"]!.Text("userVerification").ShouldBe("required");
        var challenge = options.Text("challenge");
        Base64Url.DecodeFromChars(challenge).Length.ShouldBeGreaterThanOrEqualTo(16);
        // Kept server-side, for this user, short-lived.
        var kept = await app.WithDbAsync(db => db.PasskeyChallenges.AsNoTracking().SingleAsync(c => c.UserId == account.UserId));
        kept.Id.ShouldBe(challenge);
        kept.ExpiresAt.ShouldBeLessThanOrEqualTo(app.Now.AddMinutes(5).AddSeconds(5));

        // A second request replaces the first: only the newest options can be answered.
        var again = await app.As(account.Token).PostAsync("/api/v1/auth/passkeys/options", null).ShouldAnswer(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.PasskeyChallenges.AsNoTracking().Where(c => c.UserId == account.UserId).Select(c => c.Id).ToListAsync()))
            .ShouldBe([again.Text("challenge")]);
    }

    [Fact]
    public async Task Sign_in_options_without_an_address_let_any_discoverable_passkey_answer()
    {
        var account = await app.RegisterAsync();
        await AddStoredPasskeyAsync(account.UserId, [9, 9, 9, 9]);
        var anyone = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/passkeys/login/options", new { }).ShouldAnswer(HttpStatusCode.OK);
        anyone.Text("rpId").ShouldBe("localhost");
        anyone.Text("userVerification").ShouldBe("required");
        (anyone["allowCredentials"]?.AsArray().Count ?? 0).ShouldBe(0);
        var named = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/passkeys/login/options", new { email = account.Email }).ShouldAnswer(HttpStatusCode.OK);
        named["allowCredentials"]!.AsArray().Single()!.Text("id").ShouldBe(B64([9, 9, 9, 9]));
        // No body at all is the same as no address.
        await app.Anonymous().PostAsync("/api/v1/auth/passkeys/login/options", null).ShouldAnswer(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_challenge_is_good_for_one_answer()
    {
        var account = await app.RegisterAsync();
        var client = app.As(account.Token);
        var options = await client.PostAsync("/api/v1/auth/passkeys/options", null).ShouldAnswer(HttpStatusCode.OK);
        var forged = new { credential = Forged(options.Text("challenge"), "webauthn.create") };
        (await client.PostAsJsonAsync("/api/v1/auth/passkeys", forged).ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldBe(Switchboard.Features.Accounts.Passkeys.Refused);
        (await client.PostAsJsonAsync("/api/v1/auth/passkeys", forged).ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldBe(Switchboard.Features.Accounts.Passkeys.NoPending);
        (await client.GetAsync("/api/v1/auth/passkeys").ShouldAnswer(HttpStatusCode.OK)).AsArray().Count.ShouldBe(0);

        await AddStoredPasskeyAsync(account.UserId, [7, 7, 7, 7]);
        var signIn = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/passkeys/login/options", new { }).ShouldAnswer(HttpStatusCode.OK);
        var assertion = new { credential = Forged(signIn.Text("challenge"), "webauthn.get", [7, 7, 7, 7]) };
        var first = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/passkeys/login", assertion).ShouldAnswer(HttpStatusCode.Unauthorized);
        first.Detail().ShouldBe(Switchboard.Features.Accounts.PasskeySignIn.Refused);
        var second = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/passkeys/login", assertion).ShouldAnswer(HttpStatusCode.Unauthorized);
        second.Detail().ShouldBe(Switchboard.Features.Accounts.PasskeySignIn.NoChallenge);
    }

    [Fact]
    public async Task A_passkey_unknown_here_or_of_a_deleted_account_is_refused_with_words()
    {
        var account = await app.RegisterAsync();
        await AddStoredPasskeyAsync(account.UserId, [5, 5, 5, 5]);
        (await PasskeyFactorOf(account.UserId)).ShouldBeTrue();
        await app.As(account.Token).SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/auth/me") { Content = JsonContent.Create(new { password = "correct-horse" }) })
            .ShouldAnswer(HttpStatusCode.NoContent);
        (await app.WithDbAsync(db => db.PasskeyCredentials.CountAsync(p => p.UserId == account.UserId))).ShouldBe(0);
        (await PasskeyFactorOf(account.UserId)).ShouldBeFalse();

        var signIn = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/passkeys/login/options", new { }).ShouldAnswer(HttpStatusCode.OK);
        var refused = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/passkeys/login",
            new { credential = Forged(signIn.Text("challenge"), "webauthn.get", [5, 5, 5, 5]) }).ShouldAnswer(HttpStatusCode.Unauthorized);
        refused.Detail().ShouldBe(Switchboard.Features.Accounts.PasskeySignIn.Unknown);
    }

    private Task<bool> PasskeyFactorOf(Guid userId) => app.WithDbAsync(db => SecondFactors.HasAnyAsync(db, userId));

    [Fact]
    public async Task Removing_a_passkey_needs_the_password_and_another_users_passkey_is_404()
    {
        var owner = await app.RegisterAsync();
        var stranger = await app.RegisterAsync();
        await AddStoredPasskeyAsync(owner.UserId, [3, 3, 3, 3], "Phone");
        var list = (await app.As(owner.Token).GetAsync("/api/v1/auth/passkeys").ShouldAnswer(HttpStatusCode.OK)).AsArray();
        list.Count.ShouldBe(1);
        list[0]!.AsObject().Select(p => p.Key).ShouldBe(["id", "name", "created_at", "last_used_at"], ignoreOrder: true);
        list[0]!.Text("name").ShouldBe("Phone");
        var id = list[0]!.Text("id");
        (await app.As(stranger.Token).GetAsync("/api/v1/auth/passkeys").ShouldAnswer(HttpStatusCode.OK)).AsArray().Count.ShouldBe(0);

        Task<HttpResponseMessage> Remove(Account who, string passkey, object body) =>
            app.As(who.Token).SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/auth/passkeys/{passkey}") { Content = JsonContent.Create(body) });
        (await Remove(stranger, id, new { password = "correct-horse" }).ShouldAnswer(HttpStatusCode.NotFound)).Detail().ShouldBe("Passkey not found");
        await Remove(owner, "not-an-id", new { password = "correct-horse" }).ShouldAnswer(HttpStatusCode.NotFound);
        await Remove(owner, Guid.NewGuid().ToString(), new { password = "correct-horse" }).ShouldAnswer(HttpStatusCode.NotFound);
        await Remove(owner, id, new { }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        (await Remove(owner, id, new { password = "wrong-password" }).ShouldAnswer(HttpStatusCode.BadRequest)).Detail().ShouldContain("password is not correct");
        await Remove(owner, id, new { password = "correct-horse" }).ShouldAnswer(HttpStatusCode.NoContent);
        (await app.As(owner.Token).GetAsync("/api/v1/auth/passkeys").ShouldAnswer(HttpStatusCode.OK)).AsArray().Count.ShouldBe(0);
    }

    [Fact]
    public async Task Bad_input_is_a_clear_4xx_never_a_500()
    {
        var account = await app.RegisterAsync();
        var client = app.As(account.Token);
        var options = await client.PostAsync("/api/v1/auth/passkeys/options", null).ShouldAnswer(HttpStatusCode.OK);
        object[] bodies =
        [
            new { }, new { credential = 5 }, new { credential = "text" }, new { credential = new { } },
            new { credential = new { id = "x", rawId = "!!!", type = "public-key", response = new { } } },
            new { credential = new { id = "x", rawId = "AQID", type = "nonsense", response = new { attestationObject = "AQID", clientDataJSON = "AQID" } } },
            new { credential = new { id = "x", rawId = "AQID", type = "public-key", response = new { attestationObject = "AQID", clientDataJSON = "AQID", authenticatorData = "AQID", signature = "AQID" } } },
            new { credential = Forged(options.Text("challenge"), "webauthn.create"), name = new string('n', 101) },
            new { credential = Forged(options.Text("challenge"), "webauthn.create"), name = 7 },
        ];
        foreach (var body in bodies)
        {
            foreach (var path in new[] { "/api/v1/auth/passkeys", "/api/v1/auth/passkeys/login" })
            {
                var response = await (path.EndsWith("login") ? app.Anonymous() : client).PostAsJsonAsync(path, body);
                var text = await response.Content.ReadAsStringAsync();
                ((int)response.StatusCode).ShouldBeInRange(400, 499, $"{path} {System.Text.Json.JsonSerializer.Serialize(body)} → {text}");
                text.ShouldContain("detail");
            }
        }
        foreach (var path in new[] { "/api/v1/auth/passkeys", "/api/v1/auth/passkeys/login", "/api/v1/auth/passkeys/login/options" })
        {
            var notJson = await client.PostAsync(path, new StringContent("{not json", Encoding.UTF8, "application/json"));
            ((int)notJson.StatusCode).ShouldBeInRange(400, 499);
        }
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/passkeys/login/options", new { email = 5 }).ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/passkeys/login/options", new { email = "nobody@example.com" }).ShouldAnswer(HttpStatusCode.OK);
    }
}

public sealed class PasskeyTestsOnSqlite(SqliteApp app) : PasskeyTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PasskeyTestsOnPostgres(PostgresApp app) : PasskeyTests<PostgresApp>(app), IClassFixture<PostgresApp>;
