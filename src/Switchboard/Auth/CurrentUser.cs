using System.Security.Claims;

namespace Switchboard.Auth;

public static class CurrentUser
{
    public static Guid UserId(this ClaimsPrincipal principal) =>
        Guid.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public static long TokenId(this ClaimsPrincipal principal) =>
        long.Parse(principal.FindFirstValue(TokenAuthenticationHandler.TokenIdClaim)!);
}
