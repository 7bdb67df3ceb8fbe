using Switchboard.Faces;

namespace Switchboard.Features.Accounts;

public static class PasskeysApi
{
    public static FaceRoutes MapPasskeysApi(this FaceRoutes faces)
    {
        var passkeys = faces.PingBack.MapGroup("/auth/passkeys").WithTags("Accounts");
        passkeys.MapPost("/options", Passkeys.OptionsAsync).Refuses(400, 401, 404, 409, 429)
            .RequireAuthorization()
            .Produces(200, contentType: "application/json")
            .WithSummary("Start adding a passkey: WebAuthn creation options (give them to navigator.credentials.create; the challenge works once, for 5 minutes)");
        passkeys.MapPost("", Passkeys.AddAsync).Refuses(400, 401, 404, 409, 429)
            .Accepts<Passkeys.AddRequest>("application/json")
            .RequireAuthorization()
            .Produces<Passkeys.View>(201)
            .WithSummary("Finish adding a passkey with the browser's credential (PublicKeyCredential.toJSON()) and an optional name");
        passkeys.MapGet("", Passkeys.ListAsync).Refuses(400, 401, 404, 409, 429)
            .RequireAuthorization()
            .Produces<List<Passkeys.View>>()
            .WithSummary("The signed-in user's passkeys");
        passkeys.MapDelete("/{id}", Passkeys.RemoveAsync).Refuses(400, 401, 404, 409, 429)
            .Accepts<Passkeys.RemoveRequest>("application/json")
            .RequireAuthorization()
            .Produces(204)
            .WithSummary("Remove a passkey (the password is asked); another user's passkey is 404");
        passkeys.MapPost("/login/options", PasskeySignIn.OptionsAsync).Refuses(400, 401, 422)
            .RequireRateLimiting(LoginThrottle.IpPolicy)
            .Produces(200, contentType: "application/json")
            .WithSummary("Start signing in with a passkey: WebAuthn request options (with email, that account's passkeys; without, any discoverable one)");
        passkeys.MapPost("/login", PasskeySignIn.SignInAsync).Refuses(400, 401, 422)
            .RequireRateLimiting(LoginThrottle.IpPolicy)
            .Produces<Login.Response>()
            .WithSummary("Sign in with a passkey (PublicKeyCredential.toJSON() as credential); satisfies the second factor; 401 with words when refused");
        return faces;
    }
}
