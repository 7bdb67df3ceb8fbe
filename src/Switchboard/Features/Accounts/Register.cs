using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Email;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;

namespace Switchboard.Features.Accounts;

public static class Register
{
    public sealed record Request(string Email, string FullName, string Password);
    public sealed record Response(string AccessToken, string TokenType, UserView User);

    public static async Task<IResult> HandleAsync(HttpRequest http, SwitchboardDb db, TokenService tokens,
        IPasswordHasher<User> hasher, TimeProvider time, EmailVerifier verifier, OutboxWriter outbox)
    {
        var (body, error) = await JsonBody.ReadAsync(http);
        if (error is not null) return Answer.Invalid([error]);
        var input = new Input(body);
        var email = input.Email("email");
        var name = input.Name("full_name", max: 255);
        var password = input.Password("password");
        if (!input.IsValid) return Answer.Invalid(input.Errors);

        var normalized = User.Normalize(email!);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized))
            return Answer.Refuse(Failure.Invalid("Email already registered", code: RefusalCodes.AccountExists));
        if (await PasswordStrength.WeaknessAsync(hasher, password!, [email, name], http.HttpContext.RequestAborted) is { } weak)
            return Answer.Invalid([new FieldError("body", "password", FieldRule.Custom, Message: weak)]);

        var now = time.Now();
        var user = new User
        {
            Email = email!.Trim(),
            NormalizedEmail = normalized,
            Name = name!.Trim(),
            PasswordHash = "",
            CreatedAt = now,
            UpdatedAt = now,
        };
        user.PasswordHash = await hasher.HashAsync(user, password!, http.HttpContext.RequestAborted);
        db.Users.Add(user);
        // The account works at once, but teams can add it only once the mailed link proves the address.
        verifier.Queue(user, now);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two registrations of one address raced; the unique index let one through.
            return Answer.Refuse(Failure.Invalid("Email already registered", code: RefusalCodes.AccountExists));
        }
        outbox.Wake();
        var token = await tokens.IssueAsync(user.Id, "default");
        return Answer.Value(new Response(token, "bearer", UserView.From(user)), 201);
    }
}
