using Switchboard.Faces;
using Switchboard.Faces.PingBack;

namespace Switchboard.Features.Accounts;

public static class AccountsApi
{
    public static FaceRoutes MapAccountsApi(this FaceRoutes faces)
    {
        var auth = faces.PingBack.MapGroup("/auth").WithTags("Accounts");
        auth.MapPost("/register", Register.HandleAsync).Refuses(400)
            .Accepts<Register.Request>("application/json")
            .Produces<Register.Response>(201)
            .RequireRateLimiting(AccountLimits.RegisterPolicy)
            .WithSummary("Create an account and get a token");
        auth.MapPost("/login", Login.HandleAsync).Refuses(400, 401, 429)
            .Accepts<Login.Request>("application/json")
            .Produces<Login.Response>()
            .RequireRateLimiting(LoginThrottle.IpPolicy)
            .WithSummary("Exchange email and password (and, with a second factor, an authenticator or recovery code as otp) for a token; 401 with two_factor_required when the code is missing or wrong");
        auth.MapPost("/verify-email", VerifyEmail.ConfirmAsync).Refuses(400, 401, 429)
            .Accepts<VerifyEmail.Request>("application/json")
            .RequireRateLimiting(AccountLimits.VerifyConfirmPolicy)
            .Produces<VerifyEmail.Response>()
            .WithSummary("Confirm the account's email address with the token of the mailed link (no sign-in needed)");
        auth.MapPost("/verify-email/resend", VerifyEmail.ResendAsync).Refuses(400, 401, 429)
            .RequireAuthorization()
            .RequireRateLimiting(AccountLimits.VerifyResendPolicy)
            .WithSummary("Mail a new confirmation link to the signed-in user (limited per address and per account)");
        auth.MapPost("/password/forgot", ForgotPassword.HandleAsync).Refuses(400)
            .Accepts<ForgotPassword.Request>("application/json")
            .Produces<ForgotPassword.Response>(202)
            .RequireRateLimiting(AccountLimits.PasswordForgotPolicy)
            .WithSummary("Mail a one-time link to choose a new password (same answer whether or not the address has an account)");
        auth.MapPost("/password/reset", ResetPassword.HandleAsync).Refuses(400, 401, 410)
            .Accepts<ResetPassword.Request>("application/json")
            .Produces<ResetPassword.Response>()
            .RequireRateLimiting(AccountLimits.PasswordResetPolicy)
            .WithSummary("Set a new password with the mailed link's token; confirms the address and signs out every other session");
        auth.MapPost("/password/change", ChangePassword.HandleAsync).Refuses(400, 401, 429)
            .Accepts<ChangePassword.Request>("application/json")
            .Produces<ChangePassword.Response>()
            .RequireAuthorization()
            .WithSummary("Change the password (the current one is asked); every other session is signed out");
        auth.MapGet("/sessions", Sessions.ListAsync).Refuses(404)
            .RequireAuthorization()
            .Produces<List<Sessions.Session>>()
            .WithSummary("Where the signed-in user is signed in: every token of the account, this request's marked current");
        auth.MapDelete("/sessions/{id}", Sessions.RevokeAsync).Refuses(404)
            .RequireAuthorization()
            .Produces(204)
            .WithSummary("Sign out one session (its token and live sockets end at once); another user's session is 404");
        auth.MapDelete("/sessions", Sessions.RevokeOthersAsync).Refuses(404)
            .RequireAuthorization()
            .Produces(204)
            .WithSummary("Sign out every other session of the account");
        auth.MapPost("/2fa/totp", TwoFactorSetup.BeginAsync).Refuses(400, 401, 409, 429)
            .Accepts<TwoFactorSetup.BeginRequest>("application/json")
            .RequireAuthorization()
            .Produces<TwoFactorSetup.BeginResponse>()
            .WithSummary("Start setting up an authenticator app (the password is asked): a pending secret, its otpauth URI and QR code (SVG)");
        auth.MapPost("/2fa/totp/confirm", TwoFactorSetup.ConfirmAsync).Refuses(400, 401, 409, 429)
            .Accepts<TwoFactorSetup.ConfirmRequest>("application/json")
            .RequireAuthorization()
            .Produces<TwoFactorSetup.ConfirmResponse>()
            .WithSummary("Turn the authenticator on with a code from it; answers ten one-time recovery codes, shown once");
        auth.MapDelete("/2fa/totp", TwoFactorSetup.DisableAsync).Refuses(400, 401, 409, 429)
            .Accepts<TwoFactorSetup.DisableRequest>("application/json")
            .RequireAuthorization()
            .Produces(204)
            .WithSummary("Turn the authenticator off (the password and a current or recovery code are asked)");
        auth.MapGet("/me", Me.HandleAsync).Refuses(401).RequireAuthorization().Produces<Me.Response>().WithSummary("The signed-in user");
        auth.MapPatch("/me", ChangeName.HandleAsync).Refuses(401)
            .Accepts<ChangeName.Request>("application/json")
            .RequireAuthorization()
            .Produces<UserView>()
            .WithSummary("Change your name (what teammates see)");
        auth.MapPost("/logout", Logout.HandleAsync).RequireAuthorization().WithSummary("Revoke the token used for this request");
        return faces;
    }
}
