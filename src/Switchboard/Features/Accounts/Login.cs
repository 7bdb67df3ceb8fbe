using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Switchboard.Auth;
using Switchboard.Data;
using Switchboard.Domain;
using Switchboard.Faces;
using Switchboard.Faces.PingBack;

namespace Switchboard.Features.Accounts;

public static class Login
{
    public sealed record Request(string Email, string Password);
    public sealed record Response(string AccessToken, string TokenType);

    // Verifying against a throwaway hash when the address is unknown keeps both answers equally slow.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<User>().HashPassword(null!, "decoy-password"));

    public static async Task<IResult> HandleAsync(HttpContext http, SwitchboardDb db, TokenService tokens,
        IPasswordHasher<User> hasher, LoginThrottle throttle)
    {
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return PingBackFace.Validation([error]);
        var input = new Input(body);
        var email = input.String("email", required: true, max: 320);
        var password = input.String("password", required: true, max: 255);
        if (!input.IsValid) return PingBackFace.Validation(input.Errors);

        var normalized = User.Normalize(email!);
        if (throttle.TryEnter(normalized) is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString("0");
            return PingBackFace.Detail(429, "Too many login attempts. Try again later.");
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized);
        var verdict = hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? DecoyHash.Value, password!);
        if (user is null || verdict == PasswordVerificationResult.Failed)
            return PingBackFace.Detail(401, "Incorrect email or password");

        var device = body.TryGetProperty("device", out var d) && d.ValueKind == System.Text.Json.JsonValueKind.String
            ? d.GetString()![..Math.Min(d.GetString()!.Length, 255)]
            : "default";
        var token = await tokens.IssueAsync(user.Id, device);
        return Results.Ok(new Response(token, "bearer"));
    }
}
