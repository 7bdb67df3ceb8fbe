using Switchboard.Auth;
using Switchboard.Domain;
using Switchboard.Faces;

namespace Switchboard.Features.Accounts;

public static class Logout
{
    public static async Task<IResult> HandleAsync(HttpContext http, TokenService tokens, IDomainEvents events)
    {
        var tokenId = http.User.TokenId();
        await tokens.RevokeAsync(tokenId);
        await events.PublishAsync(new TokenRevoked(http.User.UserId(), tokenId));
        return Answer.Value(new { message = "Logged out" });
    }
}
