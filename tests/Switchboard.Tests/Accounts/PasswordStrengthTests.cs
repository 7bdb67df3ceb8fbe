using System.Net;
using System.Net.Http.Json;
using Switchboard.Tests.Infrastructure;
using Switchboard.Tests.Invites;

namespace Switchboard.Tests.Accounts;

/// <summary>
/// The weakest passwords (zxcvbn score 0: repeated characters, keyboard runs, the address itself) are refused with a
/// 422 that says why, on register and on the invite accept (reset and change: <see cref="PasswordResetTests{TApp}"/>);
/// the seed's own example password still passes.
/// </summary>
public abstract class PasswordStrengthTests(SwitchboardApp app)
{
    [Fact]
    public async Task Registering_with_a_guessable_password_is_refused_with_words()
    {
        var email = Api.NewEmail("weak");
        foreach (var weak in new[] { "aaaaaaaa", "qwertyuiop1", email, "password1234" })
        {
            var refused = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/register", new { email, full_name = "Wendy Weak", password = weak })
                .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
            var detail = refused["detail"]!.AsArray().Single()!;
            detail["loc"]!.AsArray().Select(l => l!.GetValue<string>()).ShouldBe(["body", "password"]);
            detail["msg"]!.GetValue<string>().ShouldContain("too easy to guess");
        }
        // Nothing was created by the refusals.
        await app.Anonymous().PostAsJsonAsync("/api/v1/auth/register", new { email, full_name = "Wendy Weak", password = "secure_password_123" })
            .ShouldAnswer(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Accepting_an_invite_with_a_guessable_password_is_refused_in_laravels_shape()
    {
        var business = await app.CreateBusinessAsync(plan: "pro");
        var email = Api.NewEmail("invitee");
        var invite = await business.InviteAsync(email);
        var refused = await app.Anonymous().PostAsJsonAsync($"/app/invites/{invite.Id()}", InviteSteps.Acceptance(email, password: "aaaaaaaa"))
            .ShouldAnswer(HttpStatusCode.UnprocessableEntity);
        refused.ShouldBeValidationError("password");
        refused["errors"]!["password"]![0]!.GetValue<string>().ShouldContain("too easy to guess");
        // The invite is still there to accept with a better password.
        await app.AcceptAsync(invite.Id(), email);
    }
}

public sealed class PasswordStrengthTestsOnSqlite(SqliteApp app) : PasswordStrengthTests(app), IClassFixture<SqliteApp>;

public sealed class PasswordStrengthTestsOnPostgres(PostgresApp app) : PasswordStrengthTests(app), IClassFixture<PostgresApp>;
