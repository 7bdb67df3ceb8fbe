using Switchboard.Faces;
using Switchboard.Faces.PingBack;

namespace Switchboard.Features.Accounts;

public static class AccountsApi
{
    public static FaceRoutes MapAccountsApi(this FaceRoutes faces)
    {
        var auth = faces.PingBack.MapGroup("/auth").WithTags("Accounts");
        auth.MapPost("/register", Register.HandleAsync)
            .Accepts<Register.Request>("application/json")
            .Produces<Register.Response>(201)
            .RequireRateLimiting(AccountLimits.RegisterPolicy)
            .WithSummary("Create an account and get a token");
        auth.MapPost("/login", Login.HandleAsync)
            .Accepts<Login.Request>("application/json")
            .Produces<Login.Response>()
            .RequireRateLimiting(LoginThrottle.IpPolicy)
            .WithSummary("Exchange email and password for a token (rate-limited per IP and per email)");
        auth.MapPost("/verify-email", VerifyEmail.ConfirmAsync)
            .Accepts<VerifyEmail.Request>("application/json")
            .Produces<VerifyEmail.Response>()
            .WithSummary("Confirm the account's email address with the token of the mailed link (no sign-in needed)");
        auth.MapPost("/verify-email/resend", VerifyEmail.ResendAsync)
            .RequireAuthorization()
            .RequireRateLimiting(AccountLimits.VerifyResendPolicy)
            .WithSummary("Mail a new confirmation link to the signed-in user (limited per address and per account)");
        auth.MapGet("/me", Me.HandleAsync).RequireAuthorization().Produces<Me.Response>().WithSummary("The signed-in user");
        auth.MapPost("/logout", Logout.HandleAsync).RequireAuthorization().WithSummary("Revoke the token used for this request");
        return faces;
    }
}
